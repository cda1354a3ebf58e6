//! The one place JS values become the core's values and back.
use akscompute::request::RequestError;
use akscompute::{ConfigError, Context};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

pub type JsResult = Result<JsValue, JsValue>;

/// The `name` of every error this package throws.
pub const ERROR_NAME: &str = "AkscomputeError";

/// A real `Error` with `name`, `code` and `errors` (each `{kind, path, message}`).
pub fn to_error(code: &str, message: &str, errors: &[Value]) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name(ERROR_NAME);
    let obj: &JsValue = e.as_ref();
    let _ = js_sys::Reflect::set(obj, &"code".into(), &code.into());
    let list = output(&errors).unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(obj, &"errors".into(), &list);
    e.into()
}

pub fn config_error(e: &ConfigError) -> JsValue {
    let errors: Vec<Value> = e.errors.iter().filter_map(|x| serde_json::to_value(x).ok()).collect();
    to_error(e.code(), &e.to_string(), &errors)
}

pub fn request_error(e: &RequestError) -> JsValue {
    let detail = serde_json::json!({"kind": e.code(), "path": e.field().split('.').collect::<Vec<_>>(), "message": e.to_string()});
    to_error(e.code(), &e.to_string(), &[detail])
}

// Inputs cross as JSON text made by the engine's own JSON.stringify: one string instead of a
// call back into JS per property, which was most of a validation's time. The replacer refuses
// what JSON would silently drop or mangle, so nothing the caller passed is lost.
#[wasm_bindgen(inline_js = r#"
export function toJson(value, what) {
  let bad = null;
  const text = JSON.stringify(value, function (key, v) {
    const t = typeof v;
    if (bad === null && (t === "function" || t === "symbol" || t === "bigint" || (t === "number" && !Number.isFinite(v)))) {
      bad = { key, t: t === "number" ? String(v) : `a ${t}` };
      return undefined;
    }
    return v;
  });
  if (bad !== null) {
    const path = bad.key === "" ? [] : [bad.key];
    const message = `${bad.key === "" ? what : `"${bad.key}"`} is ${bad.t}, which JSON cannot carry`;
    const e = new Error(`the ${what} has 1 problem
  ${path.join(".") || "(value)"}: ${message}`);
    e.name = "AkscomputeError";
    e.code = "wrong_type";
    e.errors = [{ kind: "wrong_type", path, message }];
    throw e;
  }
  return text === undefined ? "null" : text;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = toJson)]
    fn to_json(value: &JsValue, what: &str) -> Result<String, JsValue>;
}

/// A required input: any JSON-like JS value (functions, symbols, BigInts, NaN are refused).
pub fn input(v: JsValue, what: &str) -> Result<Value, JsValue> {
    if v.is_undefined() {
        return Err(to_error(
            "wrong_type",
            &format!("the {what} is missing: pass an object"),
            &[serde_json::json!({"kind": "wrong_type", "path": [], "message": format!("{what} is undefined")})],
        ));
    }
    let text = to_json(&v, what)?;
    serde_json::from_str(&text).map_err(|e| to_error("wrong_type", &format!("the {what} is not a JSON-like value: {e}"), &[]))
}

/// An optional input: `undefined` and `null` are absent.
pub fn optional(v: JsValue, what: &str) -> Result<Option<Value>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    input(v, what).map(Some)
}

pub fn context(v: Value) -> Result<Context, JsValue> {
    Context::from_value(&v).map_err(|e| config_error(&e))
}

/// Plain objects out (not `Map`s), as JSON would have them.
pub fn output<T: Serialize + ?Sized>(v: &T) -> JsResult {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_error("internal", &format!("could not convert the result: {e}"), &[]))
}
