//! The last context read: a form validates on every keystroke with the same context (the
//! workspace, the cluster, the versions table), and reading it was most of an attach's time in
//! the module. The glue remembers its copy and text (`contextJson` in convert.rs) and says when
//! a context is the same, so that it is not even copied in again; when only some of its
//! top-level entries changed, only those cross, read into the context kept
//! ([`ReadContext::with_entries_lean`]). One entry, so a changed context replaces it.
use crate::convert::{self, ContextCrossed, JsResult};
use akscompute::ReadContext;
use std::cell::Cell;
use wasm_bindgen::JsValue;

thread_local! {
    // A Cell, taken and put back: no borrow to fail, whatever `f` does.
    static LAST: Cell<Option<ReadContext>> = const { Cell::new(None) };
}

/// Runs `f` on what the context `value` reads to, read again only when it changed since the
/// last call. The entry is stored whatever `f` returns, so that it always matches what the glue
/// remembers.
pub fn with_context(value: &JsValue, f: impl FnOnce(&ReadContext) -> JsResult) -> JsResult {
    let mut kept = LAST.with(Cell::take);
    let read = match read(value, &mut kept) {
        Ok(read) => read,
        Err(e) => {
            // Not JSON: nothing crossed, and the glue remembers the same context as before
            // (or, `kept` taken, none: then it is asked for the whole of the next one).
            LAST.with(|c| c.set(kept));
            return Err(e);
        }
    };
    let out = f(&read);
    LAST.with(|c| c.set(Some(read)));
    out
}

/// What `value` reads to, from what crossed: the kept context, the kept one with the changed
/// entries read into it, or the whole text read; `kept` is taken unless nothing crossed.
fn read(value: &JsValue, kept: &mut Option<ReadContext>) -> Result<ReadContext, JsValue> {
    let crossed = convert::context_crossing(value, kept.is_none())?;
    let whole = match (crossed, kept.take()) {
        // The glue says "the same", or gives the changed entries, only when asked without
        // `force`, that is with an entry kept.
        (ContextCrossed::Same, Some(kept)) => return Ok(kept),
        (ContextCrossed::Changed(entries), Some(mut kept)) => {
            if kept.with_entries_lean(&entries[1..]) {
                return Ok(kept);
            }
            // What the entries cannot tell alone is read from the whole text, asked for again:
            // with `force`, the glue gives nothing else.
            drop(kept);
            match convert::context_crossing(value, true)? {
                ContextCrossed::Whole(c) => c,
                _ => return Err(internal()),
            }
        }
        (ContextCrossed::Whole(c), _) => c,
        (_, None) => return Err(internal()),
    };
    // The old one is freed before the new one is read (above), so that the allocator hands its
    // memory straight back instead of holding two contexts at once.
    Ok(ReadContext::from_json_lean(&whole.into_text()))
}

fn internal() -> JsValue {
    convert::to_error("internal", "the context was not handed over", &[])
}
