//! The ARM template language: `[concat(parameters('prefix'), '-aks')]` and friends.
//!
//! Values that only exist at deployment time (`resourceGroup().location`, `uniqueString()`,
//! `reference()` of a property Azure fills in, a parameter without a value) are not guessed: they
//! evaluate to an *unknown*, a marker that carries the reason, flows through every function
//! that receives it, and is reported as "this value could not be checked".
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::collections::HashMap;

/// The marker key of an unknown value; no template can spell it (it starts with NUL).
const UNKNOWN: &str = "\u{0}akscompute-unknown";

/// The subscription `resourceId()` puts in an ID when the template names none: the
/// deployment's, unknown before deployment. A valid GUID, so the ID's shape can be checked,
/// and one no real subscription or test fixture uses (not the all-zero GUID); rules that
/// compare subscriptions skip IDs that hold it.
pub const DEPLOYMENT_SUBSCRIPTION: &str = "d0d0d0d0-d0d0-4d0d-8d0d-d0d0d0d0d0d0";
/// The resource group `resourceId()` puts in an ID when the template names none.
pub const DEPLOYMENT_RESOURCE_GROUP: &str = "deployment-resource-group";

/// An unknown value, with the reason it cannot be known before deployment.
pub fn unknown(why: impl Into<String>) -> Value {
    let mut m = Map::new();
    m.insert(UNKNOWN.into(), Value::String(why.into()));
    Value::Object(m)
}

/// The reason, when the value is unknown.
pub fn as_unknown(v: &Value) -> Option<&str> {
    v.as_object().filter(|m| m.len() == 1).and_then(|m| m.get(UNKNOWN)).and_then(Value::as_str)
}

/// The first unknown inside a value (itself included), with its JSON pointer below the value.
pub fn first_unknown(v: &Value) -> Option<(String, String)> {
    if let Some(w) = as_unknown(v) {
        return Some((String::new(), w.to_string()));
    }
    match v {
        Value::Object(m) => m.iter().find_map(|(k, x)| first_unknown(x).map(|(p, w)| (format!("/{}{p}", super::json::escape(k)), w))),
        Value::Array(a) => a.iter().enumerate().find_map(|(i, x)| first_unknown(x).map(|(p, w)| (format!("/{i}{p}"), w))),
        _ => None,
    }
}

/// One template's parameters and variables: what its expressions see.
pub struct Scope<'d> {
    /// Parameter values (defaults, the parameters file, or what a nested deployment passed),
    /// keyed in lower case: ARM names are case-insensitive.
    pub params: HashMap<String, Value>,
    /// The template's `variables`, evaluated on first use.
    pub vars: Option<&'d Map<String, Value>>,
    var_cache: RefCell<HashMap<String, Value>>,
    /// The scope a nested deployment's `outer` expressions are evaluated in.
    pub parent: Option<usize>,
}

impl<'d> Scope<'d> {
    /// A scope with these parameters and variables.
    pub fn new(params: HashMap<String, Value>, vars: Option<&'d Map<String, Value>>, parent: Option<usize>) -> Self {
        Scope { params, vars, var_cache: RefCell::new(HashMap::new()), parent }
    }
}

/// A resource that `reference()` can find: its type, full name, and raw JSON.
pub struct Declared<'d> {
    /// `Microsoft.ContainerService/managedClusters`.
    pub rtype: String,
    /// The full name (`ws/compute` for a child), evaluated.
    pub name: String,
    /// The resource as written.
    pub raw: &'d Value,
    /// The scope its expressions are evaluated in.
    pub scope: usize,
}

/// Everything expressions can see: every template's scope and every declared resource.
#[derive(Default)]
pub struct World<'d> {
    /// Scopes, by index.
    pub scopes: Vec<Scope<'d>>,
    /// Declared resources.
    pub resources: Vec<Declared<'d>>,
}

/// Values that grow past this (`concat(variables('a'), variables('a'))`, doubled in a chain of
/// variables) are not built: no real compute setting is that large.
const MAX_VALUE: usize = 1024 * 1024;

/// An estimate of a value's size in bytes that stops counting once past [`MAX_VALUE`].
fn size(v: &Value, acc: &mut usize) {
    if *acc > MAX_VALUE {
        return;
    }
    match v {
        Value::String(s) => *acc += s.len(),
        Value::Array(a) => {
            *acc += a.len();
            a.iter().for_each(|x| size(x, acc));
        }
        Value::Object(o) => {
            for (k, x) in o {
                *acc += k.len();
                size(x, acc);
            }
        }
        _ => *acc += 8,
    }
}

fn too_big(v: &[Value]) -> bool {
    let mut acc = 0;
    v.iter().for_each(|x| size(x, &mut acc));
    acc > MAX_VALUE
}

/// Deep enough for any real template; a cycle of variables hits it.
const MAX_DEPTH: usize = 48;
/// Longer expressions are not evaluated.
const MAX_EXPR: usize = 16 * 1024;

impl<'d> World<'d> {
    /// Evaluates every expression inside a JSON value (strings that start with `[`).
    pub fn eval_deep(&self, v: &Value, scope: usize) -> Value {
        self.deep(v, scope, 0)
    }

    fn deep(&self, v: &Value, scope: usize, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return unknown("the value nests too deeply to evaluate");
        }
        match v {
            Value::String(s) => self.string(s, scope, depth),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.deep(x, scope, depth + 1)).collect()),
            Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), self.deep(x, scope, depth + 1))).collect()),
            other => other.clone(),
        }
    }

    /// Evaluates one string: an expression when it is `[…]`, `[[…` is a literal `[…`.
    pub fn string(&self, s: &str, scope: usize, depth: usize) -> Value {
        let t = s.trim();
        if let Some(lit) = t.strip_prefix("[[") {
            return Value::String(format!("[{lit}"));
        }
        match t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            Some(e) if e.len() > MAX_EXPR => unknown("the expression is too long to evaluate"),
            Some(e) => match Parser::new(e).whole() {
                Ok(ast) => self.eval(&ast, scope, depth + 1),
                Err(m) => unknown(format!("the expression {} does not parse: {m}", crate::text::clip(t, 60))),
            },
            None => Value::String(s.to_string()),
        }
    }

    fn eval(&self, a: &Ast, scope: usize, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return unknown("the expression nests too deeply (or its variables refer to each other)");
        }
        match a {
            Ast::Str(s) => Value::String(s.clone()),
            Ast::Num(n) => json!(n),
            Ast::Prop(base, name) => {
                let b = self.eval(base, scope, depth + 1);
                property(&b, name)
            }
            Ast::Index(base, idx) => {
                let b = self.eval(base, scope, depth + 1);
                let i = self.eval(idx, scope, depth + 1);
                if as_unknown(&b).is_some() {
                    return b;
                }
                if as_unknown(&i).is_some() {
                    return i;
                }
                match (&b, &i) {
                    (Value::Array(v), Value::Number(n)) => {
                        n.as_u64().and_then(|n| v.get(n as usize)).cloned().unwrap_or_else(|| unknown(format!("index {n} is out of range")))
                    }
                    (Value::Object(_), Value::String(k)) => property(&b, k),
                    _ => unknown("an index applies to a list or an object"),
                }
            }
            Ast::Call(f, args) => self.call(f, args, scope, depth + 1),
        }
    }

    fn call(&self, f: &str, args: &[Ast], scope: usize, depth: usize) -> Value {
        let name = f.to_ascii_lowercase();
        // `if` evaluates only the branch it takes: the other may fail without harm.
        if name == "if" {
            if args.len() != 3 {
                return unknown("if() takes a condition and two values");
            }
            let c = self.eval(&args[0], scope, depth);
            return match c {
                Value::Bool(true) => self.eval(&args[1], scope, depth),
                Value::Bool(false) => self.eval(&args[2], scope, depth),
                other if as_unknown(&other).is_some() => other,
                _ => unknown("the condition of if() is not a boolean"),
            };
        }
        let v: Vec<Value> = args.iter().map(|a| self.eval(a, scope, depth)).collect();
        if !matches!(name.as_str(), "coalesce" | "createobject" | "createarray" | "json") {
            if let Some(u) = v.iter().find(|x| as_unknown(x).is_some()) {
                return u.clone();
            }
        }
        if too_big(&v) {
            return unknown(format!("the arguments of {}() are larger than 1 MiB", crate::text::clip(f, 40)));
        }
        let s = |i: usize| v.get(i).and_then(Value::as_str);
        let arity = |n: usize| {
            if v.len() == n {
                None
            } else {
                Some(unknown(format!("{f}() takes {n} argument{}", if n == 1 { "" } else { "s" })))
            }
        };
        match name.as_str() {
            "parameters" => match s(0) {
                Some(p) => self.param(p, scope),
                None => unknown("parameters() takes a parameter name"),
            },
            "variables" => match s(0) {
                Some(n) => self.variable(n, scope, depth),
                None => unknown("variables() takes a variable name"),
            },
            "concat" => {
                if v.iter().all(Value::is_array) {
                    Value::Array(v.iter().flat_map(|x| x.as_array().cloned().unwrap_or_default()).collect())
                } else {
                    Value::String(v.iter().map(text).collect())
                }
            }
            "format" => match s(0) {
                Some(fmt) => format(fmt, &v[1..]),
                None => unknown("format() takes a format string"),
            },
            "tolower" => arity(1).unwrap_or_else(|| Value::String(text(&v[0]).to_lowercase())),
            "toupper" => arity(1).unwrap_or_else(|| Value::String(text(&v[0]).to_uppercase())),
            "trim" => arity(1).unwrap_or_else(|| Value::String(text(&v[0]).trim().to_string())),
            "string" => arity(1).unwrap_or_else(|| Value::String(text(&v[0]))),
            "int" => arity(1).unwrap_or_else(|| match &v[0] {
                Value::Number(n) => n.as_i64().map(|n| json!(n)).unwrap_or_else(|| unknown("int() of a fraction")),
                Value::String(t) => {
                    t.trim().parse::<i64>().map(|n| json!(n)).unwrap_or_else(|_| unknown(format!("int({t:?}) is not a number")))
                }
                _ => unknown("int() takes a number or a string"),
            }),
            "bool" => arity(1).unwrap_or_else(|| match &v[0] {
                Value::Bool(b) => json!(b),
                Value::String(t) if t.eq_ignore_ascii_case("true") => json!(true),
                Value::String(t) if t.eq_ignore_ascii_case("false") => json!(false),
                Value::Number(n) => json!(n.as_i64() != Some(0)),
                _ => unknown("bool() takes true, false, a number or their text"),
            }),
            "true" => json!(true),
            "false" => json!(false),
            "null" => Value::Null,
            "json" => match s(0) {
                Some(t) => serde_json::from_str(t).unwrap_or_else(|_| unknown("json() of text that is not JSON")),
                None => v.first().cloned().unwrap_or_else(|| unknown("json() takes a text")),
            },
            "equals" => arity(2).unwrap_or_else(|| json!(loose_eq(&v[0], &v[1]))),
            "not" => arity(1).unwrap_or_else(|| v[0].as_bool().map(|b| json!(!b)).unwrap_or_else(|| unknown("not() takes a boolean"))),
            "and" | "or" => {
                let bools: Option<Vec<bool>> = v.iter().map(Value::as_bool).collect();
                match bools {
                    Some(b) if name == "and" => json!(b.iter().all(|x| *x)),
                    Some(b) => json!(b.iter().any(|x| *x)),
                    None => unknown(format!("{f}() takes booleans")),
                }
            }
            "empty" => arity(1).unwrap_or_else(|| {
                json!(match &v[0] {
                    Value::Null => true,
                    Value::String(t) => t.is_empty(),
                    Value::Array(a) => a.is_empty(),
                    Value::Object(o) => o.is_empty(),
                    _ => false,
                })
            }),
            "length" => arity(1).unwrap_or_else(|| match &v[0] {
                Value::String(t) => json!(t.chars().count()),
                Value::Array(a) => json!(a.len()),
                Value::Object(o) => json!(o.len()),
                _ => unknown("length() takes a text, a list or an object"),
            }),
            "coalesce" => v.iter().find(|x| !x.is_null()).cloned().unwrap_or(Value::Null),
            "contains" => arity(2).unwrap_or_else(|| match (&v[0], &v[1]) {
                (Value::String(h), n) => json!(h.to_lowercase().contains(&text(n).to_lowercase())),
                (Value::Array(a), n) => json!(a.iter().any(|x| loose_eq(x, n))),
                (Value::Object(o), Value::String(k)) => json!(o.keys().any(|x| x.eq_ignore_ascii_case(k))),
                _ => unknown("contains() takes a text, list or object"),
            }),
            "startswith" => arity(2).unwrap_or_else(|| json!(text(&v[0]).to_lowercase().starts_with(&text(&v[1]).to_lowercase()))),
            "endswith" => arity(2).unwrap_or_else(|| json!(text(&v[0]).to_lowercase().ends_with(&text(&v[1]).to_lowercase()))),
            "replace" => arity(3).unwrap_or_else(|| {
                let (h, from, to) = (text(&v[0]), text(&v[1]), text(&v[2]));
                // Each match may grow the text by the replacement: bound it before building.
                let grows = if from.is_empty() { 0 } else { h.matches(from.as_str()).count().saturating_mul(to.len()) };
                if h.len().saturating_add(grows) > MAX_VALUE {
                    unknown("replace() would build a text larger than 1 MiB")
                } else {
                    Value::String(h.replace(&from, &to))
                }
            }),
            "split" => arity(2).unwrap_or_else(|| json!(text(&v[0]).split(&text(&v[1])).collect::<Vec<_>>())),
            "first" | "last" => arity(1).unwrap_or_else(|| match &v[0] {
                Value::Array(a) => (if name == "first" { a.first() } else { a.last() }).cloned().unwrap_or(Value::Null),
                Value::String(t) => {
                    let c = if name == "first" { t.chars().next() } else { t.chars().last() };
                    c.map(|c| json!(c.to_string())).unwrap_or(json!(""))
                }
                _ => unknown(format!("{f}() takes a list or a text")),
            }),
            "createarray" => Value::Array(v),
            "createobject" => {
                let mut m = Map::new();
                for pair in v.chunks(2) {
                    match pair {
                        [Value::String(k), val] => {
                            m.insert(k.clone(), val.clone());
                        }
                        _ => return unknown("createObject() takes pairs of a key and a value"),
                    }
                }
                Value::Object(m)
            }
            "union" => {
                if v.iter().all(Value::is_object) {
                    let mut m = Map::new();
                    for o in v.iter().filter_map(Value::as_object) {
                        m.extend(o.clone());
                    }
                    Value::Object(m)
                } else {
                    unknown("union() of lists is not evaluated")
                }
            }
            "add" | "sub" | "mul" | "div" | "mod" => match (v.first().and_then(Value::as_i64), v.get(1).and_then(Value::as_i64), v.len()) {
                (Some(a), Some(b), 2) => {
                    let r = match name.as_str() {
                        "add" => a.checked_add(b),
                        "sub" => a.checked_sub(b),
                        "mul" => a.checked_mul(b),
                        "div" => a.checked_div(b),
                        _ => a.checked_rem(b),
                    };
                    r.map(|r| json!(r)).unwrap_or_else(|| unknown(format!("{f}() overflows or divides by zero")))
                }
                _ => unknown(format!("{f}() takes two whole numbers")),
            },
            "resourceid" | "subscriptionresourceid" | "tenantresourceid" => resource_id(&name, &v),
            "reference" => self.reference(&v),
            "resourcegroup" => json!({
                "name": unknown("resourceGroup().name is the deployment's resource group, known only at deployment"),
                "location": unknown("resourceGroup().location is the deployment's region, known only at deployment"),
                "id": unknown("resourceGroup().id is known only at deployment"),
            }),
            "subscription" => json!({
                "subscriptionId": unknown("subscription().subscriptionId is known only at deployment"),
                "id": unknown("subscription().id is known only at deployment"),
                "tenantId": unknown("subscription().tenantId is known only at deployment"),
            }),
            "uniquestring" | "guid" | "newguid" | "utcnow" => unknown(format!("{f}() is computed by Azure at deployment")),
            "deployment" | "environment" | "tenant" | "managementgroup" => {
                unknown(format!("{f}() describes the deployment, known only then"))
            }
            "copyindex" => unknown("copyIndex(): the value differs per copy of the resource"),
            n if n.starts_with("list") => unknown(format!("{f}() reads a live resource at deployment")),
            _ => unknown(format!("the function {}() is not evaluated by akscompute", crate::text::clip(f, 40))),
        }
    }

    fn param(&self, name: &str, scope: usize) -> Value {
        let sc = &self.scopes[scope];
        sc.params
            .get(&name.to_ascii_lowercase())
            .cloned()
            .unwrap_or_else(|| unknown(format!("the parameter '{}' has no value", crate::text::clip(name, 60))))
    }

    fn variable(&self, name: &str, scope: usize, depth: usize) -> Value {
        let sc = &self.scopes[scope];
        let key = name.to_ascii_lowercase();
        if let Some(v) = sc.var_cache.borrow().get(&key) {
            return v.clone();
        }
        let raw = sc.vars.and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v));
        let v = match raw {
            Some(r) => self.deep(r, scope, depth + 1),
            None => unknown(format!("the variable '{}' is not defined", crate::text::clip(name, 60))),
        };
        sc.var_cache.borrow_mut().insert(key, v.clone());
        v
    }

    /// `reference(id or name)`: the declared resource's properties as the template writes them.
    /// What Azure fills in at deployment (an FQDN, a principal ID) is not there, so it is unknown.
    fn reference(&self, v: &[Value]) -> Value {
        let Some(target) = v.first().and_then(Value::as_str) else {
            return unknown("reference() takes a resource name or ID");
        };
        let full = v.get(2).and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case("full"));
        match self.find(target) {
            Some(r) => {
                let res = self.eval_deep(r.raw, r.scope);
                if full {
                    res
                } else {
                    res.get("properties").cloned().unwrap_or_else(|| json!({}))
                }
            }
            None => unknown(format!("reference('{}'): the resource is not declared in this template", crate::text::clip(target, 80))),
        }
    }

    /// A declared resource by resource ID (its type and names) or by its name.
    pub fn find(&self, target: &str) -> Option<&Declared<'d>> {
        match split_id(target) {
            Some((t, n)) => self.resources.iter().find(|r| r.rtype.eq_ignore_ascii_case(&t) && r.name.eq_ignore_ascii_case(&n)),
            None => self
                .resources
                .iter()
                .find(|r| r.name.eq_ignore_ascii_case(target) || r.name.rsplit('/').next().is_some_and(|x| x.eq_ignore_ascii_case(target))),
        }
    }
}

/// `/subscriptions/s/resourceGroups/g/providers/Ns/t1/n1/t2/n2` into (`Ns/t1/t2`, `n1/n2`).
pub fn split_id(id: &str) -> Option<(String, String)> {
    let lower = id.to_ascii_lowercase();
    let at = lower.rfind("/providers/")?;
    let rest: Vec<&str> = id[at + "/providers/".len()..].split('/').filter(|s| !s.is_empty()).collect();
    if rest.len() < 3 || rest.len() % 2 == 0 {
        return None;
    }
    let mut types = vec![rest[0].to_string()];
    let mut names = Vec::new();
    for pair in rest[1..].chunks(2) {
        types.push(pair[0].to_string());
        names.push(pair[1].to_string());
    }
    Some((types.join("/"), names.join("/")))
}

fn property(b: &Value, name: &str) -> Value {
    if as_unknown(b).is_some() {
        return b.clone();
    }
    match b.as_object() {
        Some(o) => o.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone()).unwrap_or_else(|| {
            unknown(format!(
                "the property '{}' is not in the template (Azure sets it at deployment, or it is misspelt)",
                crate::text::clip(name, 40)
            ))
        }),
        None => unknown(format!("'.{}' applies to an object", crate::text::clip(name, 40))),
    }
}

/// How ARM turns a value into text in `concat` and `format`.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        _ => a == b,
    }
}

/// `format('{0}-{1}', a, b)`; `{{` and `}}` are literal braces.
fn format(fmt: &str, args: &[Value]) -> Value {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut spec = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    spec.push(d);
                }
                let idx = spec.split(':').next().and_then(|i| i.trim().parse::<usize>().ok());
                match idx.and_then(|i| args.get(i)) {
                    Some(a) => out.push_str(&text(a)),
                    None => return unknown(format!("format() has no argument for {{{spec}}}")),
                }
            }
            c => out.push(c),
        }
    }
    Value::String(out)
}

fn resource_id(fname: &str, v: &[Value]) -> Value {
    let strs: Option<Vec<&str>> = v.iter().map(Value::as_str).collect();
    let Some(a) = strs else { return unknown(format!("{fname}() takes texts")) };
    let Some(ti) = a.iter().position(|s| s.contains('/')) else {
        return unknown("resourceId() needs a resource type such as Microsoft.ContainerService/managedClusters");
    };
    let (scope, rest) = a.split_at(ti);
    let rtype = rest[0];
    let names = &rest[1..];
    let types: Vec<&str> = rtype.split('/').collect();
    if types.len() < 2 || names.len() != types.len() - 1 {
        return unknown(format!("resourceId('{}', …) needs one name per type segment", crate::text::clip(rtype, 80)));
    }
    let mut tail = format!("providers/{}", types[0]);
    for (t, n) in types[1..].iter().zip(names) {
        tail.push_str(&format!("/{t}/{n}"));
    }
    match fname {
        "tenantresourceid" => Value::String(format!("/{tail}")),
        "subscriptionresourceid" => {
            let sub = scope.first().copied().unwrap_or(DEPLOYMENT_SUBSCRIPTION);
            Value::String(format!("/subscriptions/{sub}/{tail}"))
        }
        _ => {
            let (sub, rg) = match scope {
                [] => (DEPLOYMENT_SUBSCRIPTION, DEPLOYMENT_RESOURCE_GROUP),
                [rg] => (DEPLOYMENT_SUBSCRIPTION, *rg),
                [sub, rg, ..] => (*sub, *rg),
            };
            Value::String(format!("/subscriptions/{sub}/resourceGroups/{rg}/{tail}"))
        }
    }
}

/// The expression syntax tree.
#[derive(Debug, Clone, PartialEq)]
enum Ast {
    Str(String),
    Num(i64),
    Call(String, Vec<Ast>),
    Prop(Box<Ast>, String),
    Index(Box<Ast>, Box<Ast>),
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn new(s: &'a str) -> Self {
        Parser { s: s.as_bytes(), i: 0, depth: 0 }
    }
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }
    fn whole(mut self) -> Result<Ast, String> {
        let a = self.expr()?;
        self.ws();
        if self.i < self.s.len() {
            return Err(format!("unexpected text at character {}", self.i + 1));
        }
        Ok(a)
    }
    fn expr(&mut self) -> Result<Ast, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        self.ws();
        let mut a = match self.s.get(self.i) {
            Some(b'\'') => Ast::Str(self.quoted()?),
            Some(c) if c.is_ascii_digit() || *c == b'-' => {
                let start = self.i;
                self.i += 1;
                while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
                Ast::Num(t.parse().map_err(|_| format!("{t} is not a whole number"))?)
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                let name = self.ident();
                self.ws();
                if self.s.get(self.i) != Some(&b'(') {
                    return Err(format!("{name} is not followed by ("));
                }
                self.i += 1;
                let mut args = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b')') {
                    self.i += 1;
                } else {
                    loop {
                        args.push(self.expr()?);
                        self.ws();
                        match self.s.get(self.i) {
                            Some(b',') => self.i += 1,
                            Some(b')') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(format!("expected , or ) in the arguments of {name}()")),
                        }
                    }
                }
                Ast::Call(name, args)
            }
            _ => return Err(format!("expected a value at character {}", self.i + 1)),
        };
        loop {
            self.ws();
            match self.s.get(self.i) {
                Some(b'.') => {
                    self.i += 1;
                    self.ws();
                    let p = self.ident();
                    if p.is_empty() {
                        return Err("expected a property name after '.'".into());
                    }
                    a = Ast::Prop(Box::new(a), p);
                }
                Some(b'[') => {
                    self.i += 1;
                    let idx = self.expr()?;
                    self.ws();
                    if self.s.get(self.i) != Some(&b']') {
                        return Err("expected ]".into());
                    }
                    self.i += 1;
                    a = Ast::Index(Box::new(a), Box::new(idx));
                }
                _ => break,
            }
        }
        self.depth -= 1;
        Ok(a)
    }
    fn ident(&mut self) -> String {
        let start = self.i;
        while self.s.get(self.i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'$') {
            self.i += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }
    fn quoted(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            match self.s.get(self.i) {
                None => return Err("unterminated '…' text".into()),
                Some(b'\'') if self.s.get(self.i + 1) == Some(&b'\'') => {
                    out.push(b'\'');
                    self.i += 2;
                }
                Some(b'\'') => {
                    self.i += 1;
                    return String::from_utf8(out).map_err(|_| "text is not UTF-8".into());
                }
                Some(c) => {
                    out.push(*c);
                    self.i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world<'d>(vars: &'d Map<String, Value>, params: &[(&str, Value)]) -> World<'d> {
        let p = params.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        World { scopes: vec![Scope::new(p, Some(vars), None)], resources: vec![] }
    }

    #[test]
    fn the_usual_functions() {
        let vars = json!({"aksName": "[concat(parameters('prefix'), '-aks')]", "loop": "[variables('loop')]"});
        let vars = vars.as_object().unwrap();
        let w = world(vars, &[("Prefix", json!("ml")), ("count", json!(2))]);
        let e = |s: &str| w.string(s, 0, 0);
        assert_eq!(e("[variables('aksName')]"), "ml-aks");
        assert_eq!(e("[toLower(format('{0}-{1}', 'AB', parameters('count')))]"), "ab-2");
        assert_eq!(e("[if(equals(parameters('count'), 2), 'two', fail())]"), "two");
        assert_eq!(e("[[literal]"), "[literal]");
        assert_eq!(e("['it''s']"), "it's");
        assert_eq!(e("[createObject('a', createArray(1, 2)).a[1]]"), 2);
        assert_eq!(
            e("[resourceId('Microsoft.ContainerService/managedClusters', 'c1')]"),
            format!("/subscriptions/{DEPLOYMENT_SUBSCRIPTION}/resourceGroups/{DEPLOYMENT_RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/c1")
        );
        assert_eq!(
            e("[resourceId('sub', 'rg', 'Microsoft.Network/virtualNetworks/subnets', 'v', 's')]"),
            "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
        );
        assert!(as_unknown(&e("[resourceGroup().location]")).is_some_and(|w| w.contains("deployment")));
        assert!(as_unknown(&e("[concat(parameters('nope'), 'x')]")).is_some_and(|w| w.contains("'nope'")));
        assert!(as_unknown(&e("[variables('loop')]")).is_some());
        assert!(as_unknown(&e("[concat('a',]")).is_some_and(|w| w.contains("does not parse")));
    }

    #[test]
    fn values_that_double_in_a_chain_stay_bounded() {
        let mut vars = Map::new();
        vars.insert("v0".into(), json!("abcdefghijklmnop"));
        // Each level repeats the one before 16 times: level 8 would be 64 GiB.
        for i in 1..9 {
            let args = vec![format!("variables('v{}')", i - 1); 16].join(", ");
            vars.insert(format!("v{i}"), json!(format!("[concat({args})]")));
        }
        let w = world(&vars, &[]);
        let v = w.string("[variables('v8')]", 0, 0);
        assert!(as_unknown(&v).is_some_and(|w| w.contains("1 MiB")), "{v}");
        assert_eq!(w.string("[length(variables('v3'))]", 0, 0), 65536);
        let r = w.string("[replace(variables('v3'), 'a', variables('v3'))]", 0, 0);
        assert!(as_unknown(&r).is_some(), "replace must not build a quadratic text");
    }

    #[test]
    fn ids_split_into_type_and_name() {
        assert_eq!(
            split_id("/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w/computes/c"),
            Some(("Microsoft.MachineLearningServices/workspaces/computes".into(), "w/c".into()))
        );
        assert_eq!(split_id("myaks"), None);
    }
}
