//! The last context read, kept with its exact JSON text: a form validates on every keystroke
//! with the same context (the workspace, the cluster, the versions table), and reading it was
//! most of an attach's time in the module. Keyed by the text, not by the JS object, so a
//! context changed in place is read again; one entry, so a changed context replaces it. The
//! glue remembers the text too (`contextJson` in convert.rs), so the same text is not even
//! copied in again.
use crate::convert::{self, JsResult};
use akscompute::ReadContext;
use std::cell::Cell;
use wasm_bindgen::JsValue;

thread_local! {
    // A Cell, taken and put back: no borrow to fail, whatever `f` does.
    static LAST: Cell<Option<(String, ReadContext)>> = const { Cell::new(None) };
}

/// Runs `f` on what the context `value` reads to, read again only when its text differs from
/// the last one's. The entry is stored whatever `f` returns, so that it always matches the text
/// the glue remembers.
pub fn with_context(value: &JsValue, f: impl FnOnce(&ReadContext) -> JsResult) -> JsResult {
    let kept = LAST.with(Cell::take);
    let crossed = match convert::context_crossing(value, kept.is_none()) {
        Ok(c) => c,
        Err(e) => {
            // Not JSON: nothing crossed, and the glue remembers the same text as before.
            LAST.with(|c| c.set(kept));
            return Err(e);
        }
    };
    let entry = match (crossed, kept) {
        (None, Some(kept)) => kept,
        (Some(c), kept) => {
            let text = c.into_text();
            match kept {
                Some(kept) if kept.0 == text => kept,
                old => {
                    // Freed before the new one is read, so that the allocator hands its memory
                    // straight back instead of holding two contexts at once.
                    drop(old);
                    let read = ReadContext::from_json_lean(&text);
                    (text, read)
                }
            }
        }
        // The glue says "the same" only when asked without `force`, that is with an entry kept.
        (None, None) => return Err(convert::to_error("internal", "the context was not handed over", &[])),
    };
    let out = f(&entry.1);
    LAST.with(|c| c.set(Some(entry)));
    out
}
