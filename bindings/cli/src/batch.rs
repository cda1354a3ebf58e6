//! `akscompute check` over many configurations: files, folders (every `*.json` inside, sorted)
//! and JSON lines on standard input, checked on every core against one context, one result
//! per input with its name. A fleet of configurations in CI is one command.
use crate::chrome::say;
use crate::failure::Failure;
use crate::output::Format;
use crate::{input, out, render, CheckArgs, Run};
use akscompute::{Operation, Validation};
use serde_json::{json, Value};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Inputs past this many get a progress bar on a terminal.
const PROGRESS_FROM: usize = 50;
/// The most configurations one run takes (each is held in memory until printed).
const MAX_INPUTS: usize = 1_000_000;

/// One configuration to check: its name, and where its JSON comes from.
pub struct Item {
    pub name: String,
    pub source: Source,
}

/// A file (read by the worker that checks it, so reading is parallel too), or a document of
/// standard input (or why it could not be read).
pub enum Source {
    File(PathBuf),
    Read(Result<Value, String>),
}

impl Source {
    fn config(&self) -> Result<Value, String> {
        match self {
            Source::Read(r) => r.clone(),
            Source::File(p) => input::read_json(p, input::What::Configuration)
                .and_then(|mut c| {
                    input::inline_pem_files(&mut c, &input::base_of(p))?;
                    Ok(c)
                })
                .map_err(misuse_text),
        }
    }
}

enum Outcome {
    Checked(Validation, &'static str),
    Misuse(String),
}

fn misuse_text(f: Failure) -> String {
    f.message().unwrap_or("unreadable").to_string()
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let shown = || render::clean(&dir.display().to_string()).into_owned();
    // Each entry's type comes with the listing (no stat on most file systems); only a link is
    // looked through, once.
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
        .map_err(|e| {
            Failure::Misuse(say(
                "ui.cli.folder_unreadable",
                vec![("folder", akscompute::Param::from(shown())), ("error", akscompute::Param::from(e.to_string()))],
            ))
        })?
        .filter_map(|e| e.ok().and_then(|e| Some((e.path(), e.file_type().ok()?))))
        .filter(|(p, _)| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, kind) in entries {
        // A link to a folder is not followed (as lint's walk): `ln -s . d/a` would make the
        // walk endless and list each file again under every link. A link to a file is read.
        if kind.is_symlink() && p.is_dir() {
            continue;
        }
        if kind.is_dir() {
            collect_dir(&p, out)?;
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            out.push(p);
        }
        if out.len() > MAX_INPUTS {
            return Err(Failure::Misuse(say(
                "ui.cli.too_many",
                vec![("max", akscompute::Param::from(MAX_INPUTS)), ("folder", akscompute::Param::from(shown()))],
            )));
        }
    }
    Ok(())
}

/// The JSON documents of standard input: one, or one per line (JSON lines). The stream only
/// finds where each document ends (skipping its values, so a 400-digit integer is no error
/// there); each is then read as a file is, by the core's `value_from_text`, so a huge count is
/// a problem at its field among the others, not "not valid JSON: number out of range".
pub fn stdin_items() -> Result<Vec<Item>, Failure> {
    let text = input::read_capped(Path::new("-"), input::JSON_CAP, input::What::Configuration)?;
    let mut items = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<serde::de::IgnoredAny>();
    let not_json = |e: serde_json::Error| say("ui.cli.line_not_json", vec![("error", akscompute::Param::from(e.to_string()))]);
    // The lines before each document are counted from where the last count stopped: counting
    // from the start again for each one made a stream of 80,000 `{}` lines take minutes.
    let (mut counted, mut newlines) = (0, 0);
    loop {
        let start = stream.byte_offset();
        let rest = &text[start..];
        let begins = start + (rest.len() - rest.trim_start().len());
        newlines += text[counted..begins].matches('\n').count();
        counted = begins;
        let line = 1 + newlines;
        match stream.next() {
            None => break,
            Some(Ok(_)) => {
                let document = text[start..stream.byte_offset()].trim_start();
                // Where the document begins on its line, for a position inside it.
                let column = begins - text[..begins].rfind('\n').map_or(0, |i| i + 1);
                let config = akscompute::shape::value_from_text(document)
                    .map_err(|e| say("ui.cli.line_not_json", vec![("error", akscompute::Param::from(in_input(&e, line, column)))]))
                    .and_then(|mut v| input::inline_pem_files(&mut v, Path::new(".")).map(|()| v).map_err(misuse_text));
                items.push(Item { name: format!("stdin:{line}"), source: Source::Read(config) });
            }
            Some(Err(e)) => {
                items.push(Item { name: format!("stdin:{line}"), source: Source::Read(Err(not_json(e))) });
                break;
            }
        }
    }
    Ok(items)
}

/// A syntax error of a document read on its own, placed in the whole input: the document
/// begins at `line` (1-based), `column` bytes into it, and serde_json counts from the
/// document's start. "… at line 3 column 15" of a document on the input's fifth line is line 7.
fn in_input(e: &serde_json::Error, line: usize, column: usize) -> String {
    let text = e.to_string();
    if e.line() == 0 {
        return text;
    }
    let own = format!(" at line {} column {}", e.line(), e.column());
    let Some(what) = text.strip_suffix(&own) else { return text };
    let col = if e.line() == 1 { e.column() + column } else { e.column() };
    format!("{what} at line {} column {col}", line + e.line() - 1)
}

fn gather(files: &[PathBuf]) -> Result<Vec<Item>, Failure> {
    let mut items = Vec::new();
    for f in files {
        if f == Path::new("-") {
            items.extend(stdin_items()?);
            continue;
        }
        let mut paths = Vec::new();
        if f.is_dir() {
            collect_dir(f, &mut paths)?;
        } else {
            paths.push(f.clone());
        }
        items.extend(paths.into_iter().map(|p| Item { name: p.display().to_string(), source: Source::File(p) }));
    }
    Ok(items)
}

/// Checks every input; `single` lets one document on standard input print as one file does.
pub fn check_many(run: &Run, a: &CheckArgs, files: &[PathBuf], single: bool) -> Result<(), Failure> {
    let op: Operation = a.operation.into();
    let items = gather(files)?;
    let ctx = match a.inputs.context.as_deref() {
        Some(p) => input::read_json(p, input::What::Context)?,
        None => Value::Null,
    };
    let from_ctx = akscompute::Context::from_value(&ctx).ok().and_then(|c| c.workspace);
    let explicit = a.workspace.resource_group.is_some() || a.workspace.workspace_name.is_some() || a.workspace.path.is_some();
    let ws = if explicit { crate::workspace::resolve(&a.workspace, run.g.subscription.as_deref(), from_ctx, false, false)? } else { None };
    let o = run.overrides(a.inputs.profile, ws, &ctx);
    let judge = |it: &Item| -> Outcome {
        match it.source.config() {
            Err(m) => Outcome::Misuse(m),
            Ok(c) => match crate::prepare(op, c, ctx.clone(), &o) {
                Ok((l, v)) => Outcome::Checked(v, l.context.profile.as_str()),
                Err(f) => Outcome::Misuse(misuse_text(f)),
            },
        }
    };
    if single && items.len() == 1 {
        return match judge(&items[0]) {
            Outcome::Misuse(m) => Err(Failure::Misuse(m)),
            Outcome::Checked(v, profile) => {
                match run.format(Format::Text) {
                    Format::Text => out::print(&render::text(&v, profile))?,
                    f => crate::output::emit(crate::live::to_value(&v.diagnostics)?, f, run.g.query.as_deref())?,
                }
                if v.is_valid() {
                    Ok(())
                } else {
                    Err(Failure::Invalid)
                }
            }
        };
    }
    let results = judge_all(&items, a.jobs, &judge);
    report(run, &items, &results)
}

fn judge_all(items: &[Item], jobs: Option<usize>, judge: &(dyn Fn(&Item) -> Outcome + Sync)) -> Vec<Outcome> {
    let threads =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).clamp(1, 256).min(items.len().max(1));
    let bar = (items.len() >= PROGRESS_FROM && std::io::stderr().is_terminal() && out::level() >= out::Level::Normal).then(|| {
        let b = indicatif::ProgressBar::new(items.len() as u64);
        if let Ok(s) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} configurations ({elapsed})") {
            b.set_style(s);
        }
        b
    });
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Outcome>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(it) = items.get(i) else { break };
                let r = judge(it);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
                if let Some(b) = &bar {
                    b.inc(1);
                }
            });
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    slots
        .into_iter()
        .map(|m| m.into_inner().ok().flatten().unwrap_or_else(|| Outcome::Misuse(say("ui.cli.not_checked", Vec::new()))))
        .collect()
}

fn report(run: &Run, items: &[Item], results: &[Outcome]) -> Result<(), Failure> {
    let (mut ok, mut bad, mut unreadable) = (0usize, 0usize, 0usize);
    for r in results {
        match r {
            Outcome::Checked(v, _) if v.is_valid() => ok += 1,
            Outcome::Checked(..) => bad += 1,
            Outcome::Misuse(_) => unreadable += 1,
        }
    }
    match run.format(Format::Text) {
        Format::Text => {
            let mut s = String::new();
            for (it, r) in items.iter().zip(results) {
                let name = render::clean(&it.name);
                match r {
                    Outcome::Checked(v, profile) => {
                        s.push_str(&format!("{name}: {}\n", render::summary(v, profile)));
                        for d in &v.diagnostics {
                            for line in render::diagnostic(d).lines() {
                                s.push_str(&format!("  {line}\n"));
                            }
                        }
                    }
                    Outcome::Misuse(m) => {
                        s.push_str(&format!("{name}: {}\n", crate::chrome::get().cannot_be_checked()));
                        for line in m.lines() {
                            s.push_str(&format!("  {}\n", render::clean(line)));
                        }
                    }
                }
            }
            s.push('\n');
            s.push_str(&crate::chrome::get().batch_total(items.len(), ok, bad, unreadable));
            out::print(&s)?;
        }
        f => {
            let rows: Vec<Value> = items
                .iter()
                .zip(results)
                .map(|(it, r)| match r {
                    Outcome::Checked(v, _) => json!({"file": it.name, "valid": v.is_valid(), "diagnostics": v.diagnostics}),
                    Outcome::Misuse(m) => json!({"file": it.name, "valid": false, "error": {"kind": "misuse", "message": m}}),
                })
                .collect();
            crate::output::emit(Value::Array(rows), f, run.g.query.as_deref())?;
        }
    }
    if unreadable > 0 {
        Err(Failure::Misuse(crate::chrome::get().batch_unreadable(unreadable, items.len())))
    } else if bad > 0 {
        Err(Failure::Invalid)
    } else {
        Ok(())
    }
}
