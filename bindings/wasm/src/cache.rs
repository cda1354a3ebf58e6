//! The last context read, kept with its exact JSON text: a form validates on every keystroke
//! with the same context (the workspace, the cluster, the versions table), and reading it was
//! most of an attach's time in the module. Keyed by the text, not by the JS object, so a
//! context changed in place is read again; one entry, so a changed context replaces it.
use akscompute::ReadContext;
use std::cell::RefCell;

thread_local! {
    static LAST: RefCell<Option<(String, ReadContext)>> = const { RefCell::new(None) };
}

/// Runs `f` on the context `text` reads to, read again only when `text` differs from the last.
pub fn with_context<R>(text: String, f: impl FnOnce(&ReadContext) -> R) -> R {
    LAST.with(|last| match last.try_borrow_mut() {
        Ok(mut last) => {
            let entry = match last.take() {
                Some(kept) if kept.0 == text => kept,
                old => {
                    // Freed before the new one is read, so that the allocator hands its memory
                    // straight back instead of holding two contexts at once.
                    drop(old);
                    let read = ReadContext::from_json(&text);
                    (text, read)
                }
            };
            let out = f(&entry.1);
            *last = Some(entry);
            out
        }
        // Not reached (one thread, and `f` calls no JS that could call back in): read afresh.
        Err(_) => f(&ReadContext::from_json(&text)),
    })
}
