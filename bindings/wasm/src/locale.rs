//! The page's language: the core's message tables other than English are not in the module
//! (so a new language adds nothing to what every user downloads); the page fetches the table
//! of the language in use and hands it over here, once, and gets back the chrome around the
//! diagnostics rendered by the core in that language.
use crate::convert::{output, to_error, JsResult, Problem};
use akscompute::locale::{self, Label, Locale};
use akscompute::Path;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The words around the diagnostics, in one language, from the core's message tables. */
export interface LocaleChrome {
  /** The language used: `nl` for `nl-BE`; `en` when the tag has no table. */
  language: string;
  /** True when the tag asked for has no table (say `notice` once). */
  fellBack: boolean;
  notice: string | null;
  labels: { error: string; warning: string; info: string; fix: string };
  /** "3 errors, 1 warning" for the counts given; "no problems" for none. */
  summary: string;
  /** Every language with a table now: built in or registered. */
  locales: string[];
}
"#;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Chrome {
    language: &'static str,
    fell_back: bool,
    notice: Option<String>,
    labels: Labels,
    summary: String,
    locales: Vec<&'static str>,
}

#[derive(Serialize)]
struct Labels {
    error: String,
    warning: String,
    info: String,
    fix: String,
}

/// Registers `table` (the JSON text of `core/data/messages/LANG.json`, when given) as the
/// messages of `tag`'s language, then renders the chrome in the language `tag` resolves to,
/// with the summary line of the counts. Validations whose context has `locale: tag` then speak
/// that language.
#[wasm_bindgen(js_name = localeChrome, unchecked_return_type = "LocaleChrome")]
pub fn locale_chrome(tag: &str, table: Option<String>, errors: u32, warnings: u32, infos: u32) -> JsResult {
    if let Some(json) = table {
        locale::register(tag, &json)
            .map_err(|e| to_error("bad_value", &e.0, &[Problem { kind: "bad_value", path: &Path(vec!["table".into()]), message: &e.0 }]))?;
    }
    let l = Locale::new(Some(tag));
    let n = |c: u32| usize::try_from(c).unwrap_or(usize::MAX);
    output(&Chrome {
        language: l.language(),
        fell_back: l.fell_back(),
        notice: l.fallback_notice(tag),
        labels: Labels {
            error: l.label(Label::Error),
            warning: l.label(Label::Warning),
            info: l.label(Label::Info),
            fix: l.label(Label::Fix),
        },
        summary: l.summary(n(errors), n(warnings), n(infos)),
        locales: locale::locales(),
    })
}
