//! The emulator on its own: prints its endpoint and token, then serves until killed.
//! Used by the CLI and Python tests: `akscompute-emulator [--operation-ms N] [--retry-after S]
//! [--page-size N] [--fail NAME]… [--workspace-location REGION] [--hostile MODE]` (`--fail`: that
//! compute's create or attach ends Failed; the region is what a GET of the workspace answers,
//! eastus by default; `--hostile`: every request with the token answered as [`Hostile`] says).
//!
//! [`Hostile`]: akscompute_emulator::Hostile
fn main() {
    let mut cfg = akscompute_emulator::Config::default();
    let args: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < args.len() {
        if args[i] == "--workspace-location" {
            if let Some(l) = args.get(i + 1) {
                cfg.workspace_location = l.clone();
                i += 2;
                continue;
            }
        }
        if args[i] == "--hostile" {
            match args.get(i + 1).and_then(|m| akscompute_emulator::Hostile::parse(m)) {
                Some(h) => cfg.hostile = Some(h),
                None => {
                    eprintln!("akscompute-emulator: --hostile takes redirect-to=URL, redirect-loop, huge=BYTES, bad-utf8, deep=LEVELS, async-to=URL, echo-token or forge-lines");
                    std::process::exit(2);
                }
            }
            i += 2;
            continue;
        }
        if args[i] == "--fail" {
            if let Some(name) = args.get(i + 1) {
                cfg.fail.push(name.clone());
                i += 2;
                continue;
            }
        }
        let next = args.get(i + 1).and_then(|v| v.parse::<u64>().ok());
        match (args[i].as_str(), next) {
            ("--operation-ms", Some(n)) => cfg.operation_time = std::time::Duration::from_millis(n),
            ("--retry-after", Some(n)) => {
                cfg.retry_after_secs = n;
                cfg.retry_after_remaining = false;
            }
            ("--page-size", Some(n)) => cfg.page_size = usize::try_from(n).unwrap_or(2).max(1),
            (other, _) => {
                eprintln!("akscompute-emulator: unknown option {other}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let e = akscompute_emulator::Emulator::start(cfg.clone());
    println!("{} {}", e.endpoint(), cfg.token);
    use std::io::Write;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
