//! `--verbose` and `--debug` for what akscompute-client does: its `tracing` events go to
//! standard error as `INFO: …` and `DEBUG: …` lines, like the CLI's own. `--verbose` shows
//! retries and reconciliations; `--debug` also every request (its body with secrets redacted),
//! answer and poll. Only the client's target is shown: the HTTP stack's own events add nothing
//! a user can act on, and are not checked for what they might print.
use crate::out::Level;
use std::fmt;
use tracing::{Event, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;

/// Lines as the CLI writes its own: `LEVEL: message field=value …`.
struct Line;

impl<S, N> FormatEvent<S, N> for Line
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut w: Writer<'_>, event: &Event<'_>) -> fmt::Result {
        write!(w, "{}: ", event.metadata().level())?;
        ctx.field_format().format_fields(w.by_ref(), event)?;
        writeln!(w)
    }
}

/// Installs the subscriber for the level in force; below `--verbose`, none (the client's
/// events then cost one check each).
pub fn init(level: Level) {
    let shown = match level {
        Level::Errors | Level::Normal => return,
        Level::Verbose => LevelFilter::INFO,
        Level::Debug => LevelFilter::TRACE,
    };
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(shown)
        .with_writer(std::io::stderr)
        .event_format(Line)
        .finish()
        .with(Targets::new().with_target("akscompute_client", shown));
    // Err only if a subscriber is installed already, which then stays.
    let _ = tracing::subscriber::set_global_default(subscriber);
}
