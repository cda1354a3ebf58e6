//! `parity`: the cross-binding test's Rust side (see tests/parity/README.md).
//!
//! ```text
//! parity generate SEED COUNT VECTORS_DIR OUT    seeded inputs, one JSON line each
//! parity core INPUTS OUT                        the core's answers (the reference)
//! parity compare INPUTS CORE EXPECTED NAME=ANSWERS...
//! ```
mod answer;
mod compare;
mod generate;

use std::io::Write;
use std::process::ExitCode;

/// `println!` that ends the program quietly when the reader has gone (`parity compare … | head`),
/// as Unix tools do, instead of panicking on the broken pipe.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::say_line(format_args!($($arg)*))
    };
}
pub(crate) use say;

/// One line on stdout; a closed pipe ends the program with success, another error with failure.
pub(crate) fn say_line(line: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("parity: stdout: {e}");
        std::process::exit(1);
    }
}

fn write_lines(path: &str, lines: impl Iterator<Item = String>) -> Result<(), String> {
    let f = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
    let mut w = std::io::BufWriter::new(f);
    for l in lines {
        writeln!(w, "{l}").map_err(|e| format!("{path}: {e}"))?;
    }
    w.flush().map_err(|e| format!("{path}: {e}"))
}

fn run(args: &[String]) -> Result<(), String> {
    let usage =
        "usage: parity generate SEED COUNT VECTORS_DIR OUT | parity core INPUTS OUT | parity compare INPUTS CORE EXPECTED NAME=ANSWERS...";
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", seed, count, vectors, out] => {
            let seed: u64 = seed.parse().map_err(|_| format!("SEED {seed:?} is not a whole number"))?;
            let count: usize = count.parse().map_err(|_| format!("COUNT {count:?} is not a whole number"))?;
            let inputs = generate::generate(std::path::Path::new(vectors), seed, count)?;
            write_lines(out, inputs.iter().map(generate::Input::line))?;
            say!("parity: wrote {count} inputs from seed {seed} to {out}");
            Ok(())
        }
        ["core", inputs, out] => {
            let text = std::fs::read_to_string(inputs).map_err(|e| format!("{inputs}: {e}"))?;
            let answers = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).map(|v| answer::core(&v).to_string()).map_err(|e| format!("{inputs}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            write_lines(out, answers.into_iter())
        }
        ["compare", inputs, reference, expected, rest @ ..] if !rest.is_empty() => {
            let bindings = rest
                .iter()
                .map(|a| a.split_once('=').map(|(n, p)| (n.to_string(), p.to_string())).ok_or_else(|| format!("{a:?} is not NAME=ANSWERS")))
                .collect::<Result<Vec<_>, _>>()?;
            compare::run(inputs, reference, &bindings, expected)
        }
        _ => Err(usage.into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parity: {e}");
            ExitCode::FAILURE
        }
    }
}
