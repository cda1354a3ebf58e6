//! The constructors of the configuration classes (`AksProvisioningConfiguration`,
//! `AksAttachConfiguration`, `AksUpdateConfiguration`) and their `validate_configuration`, in
//! one native call each: the attributes go into the instance dict and the core's configuration
//! together, and Python is called back only when the rules found an error or a warning.
//!
//! Which attributes an object has and in which order its constructor takes them is the Python
//! class's (its `__init__` signature, handed over once); where each goes in the core's shape is
//! the attribute table's (`akscompute._fields`). Nothing is kept between calls but those.
use crate::attrs::{AttrTable, Source, Typed, MAX_ROWS};
use crate::capi;
use akscompute::{AttachConfig, Context, CreateConfig, Operation, Profile, Severity, UpdateConfig, Validation};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};
use pyo3::Borrowed;
use serde_json::Value;
use std::cell::Cell;
use std::sync::Mutex;

/// The diagnostics at `floor` or above of a configuration object (the others not made: see
/// `validate_create_at_least`), as diagnostic dicts (`None` when there are none: no list
/// made); a shape error raises `ConfigurationError` in the
/// context's locale.
/// `src`: where the attributes are, when the caller knows better than the table; `clock`: the
/// time of the call is read into `ctx.now` when the configuration holds a certificate (the only
/// thing the context's time is for: a clock read, some 30 ns, saved on every other call).
#[allow(clippy::too_many_arguments)] // one check's inputs, each from a different place
pub(crate) fn findings<'py>(
    py: Python<'py>,
    operation: Operation,
    table: &AttrTable,
    obj: &Bound<'py, PyAny>,
    src: Option<Source<'_, 'py>>,
    read_pem: Option<&Bound<'py, PyAny>>,
    ctx: &mut Context,
    clock: bool,
    floor: Severity,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let found = match operation {
        Operation::Create => {
            check(table, obj, src, read_pem, CreateConfig::from_value, akscompute::validate_create_at_least, ctx, clock, floor)?
        }
        Operation::Attach => {
            check(table, obj, src, read_pem, AttachConfig::from_value, akscompute::validate_attach_at_least, ctx, clock, floor)?
        }
        Operation::Update => {
            check(table, obj, src, read_pem, UpdateConfig::from_value, akscompute::validate_update_at_least, ctx, clock, floor)?
        }
        other => return Err(PyValueError::new_err(format!("configuration objects are for create, attach and update, not {other}"))),
    };
    // The core made none below the floor.
    if found.diagnostics.is_empty() {
        return Ok(None);
    }
    crate::convert::diagnostics(py, found.diagnostics.iter()).map(Some)
}

/// The rules' findings on `obj`'s configuration, read into this thread's kept configuration of
/// its type ([`Reused`]), or by the core's reader when a value is not of its field's plain type.
#[allow(clippy::too_many_arguments)] // findings' inputs, and how to read and check this type
fn check<'py, T: Reused>(
    table: &AttrTable,
    obj: &Bound<'py, PyAny>,
    src: Option<Source<'_, 'py>>,
    read_pem: Option<&Bound<'py, PyAny>>,
    from_value: fn(&Value) -> Result<T, akscompute::ConfigError>,
    validate: fn(&T, &Context, Severity) -> Validation,
    ctx: &mut Context,
    clock: bool,
    floor: Severity,
) -> PyResult<Validation> {
    let mut cfg = T::take();
    let typed = match src {
        Some(src) => table.typed(src, read_pem, None, &mut *cfg)?,
        None => table.with_source(obj, |src| table.typed(src, read_pem, None, &mut *cfg))?,
    };
    let found = if typed {
        if clock && cfg.has_certificate() {
            ctx.now = Some(unix_now());
        }
        validate(&cfg, ctx, floor)
    } else {
        if clock {
            ctx.now = Some(unix_now());
        }
        match from_value(&Value::Object(table.read(obj, read_pem)?)) {
            Ok(read) => validate(&read, ctx, floor),
            Err(e) => return Err(crate::shape_error_in(obj.py(), &e, ctx.locale.as_deref())),
        }
    };
    // Kept even when partly written: the next read sets or unsets every field of the table.
    T::keep(cfg);
    Ok(found)
}

/// A configuration kept between the calls of one thread, one per type, so that a call's texts
/// go into the previous call's buffers: making and dropping a `String` for each text given was
/// some 700 instructions of a `provisioning_configuration()` (callgrind). Taken out for the
/// call, so a call made meanwhile (a `read_pem` callback's, another thread's) gets its own; kept
/// without its secrets ([`Typed::scrub`]).
trait Reused: Typed + 'static {
    /// This thread's kept configuration, or a new one.
    fn take() -> Box<Self>;
    /// `cfg` kept for the next call, its secrets dropped.
    fn keep(cfg: Box<Self>);
}

macro_rules! reused {
    ($($t:ty => $cell:ident),*) => {$(
        thread_local! {
            static $cell: Cell<Option<Box<$t>>> = const { Cell::new(None) };
        }
        impl Reused for $t {
            fn take() -> Box<Self> {
                $cell.try_with(Cell::take).ok().flatten().unwrap_or_default()
            }
            fn keep(mut cfg: Box<Self>) {
                cfg.scrub();
                // At thread exit the cell is gone: the configuration is dropped instead.
                let _ = $cell.try_with(move |c| c.set(Some(cfg)));
            }
        }
    )*};
}

reused!(CreateConfig => KEPT_CREATE, AttachConfig => KEPT_ATTACH, UpdateConfig => KEPT_UPDATE);

/// `Maker(target, operation, table, names, fixed, enforce, read_pem)`: makes and checks the
/// objects of one configuration class, `target`.
///
/// `names` are the constructor's parameters (its attributes, in order), `fixed` the attributes
/// every object starts with; `enforce(found, profile, locale)` raises and warns for what the
/// rules found; `read_pem(path)` gives a PEM file's text. The profile and the locale are the
/// ones in force (`state`).
#[pyclass(frozen, module = "akscompute._native")]
pub struct Maker {
    cls: Py<PyType>,
    operation: Operation,
    table: Py<AttrTable>,
    names: Vec<Py<PyString>>,
    fixed: Vec<(Py<PyString>, Py<PyAny>)>,
    /// For each row of the table, where its attribute's value is among the constructor's.
    slots: Vec<Option<Slot>>,
    /// Every attribute a new object starts with: `fixed`, then each of `names` unset (`None`).
    /// A new object's dict is a copy of it, so only the arguments given are set one by one.
    template: Py<PyDict>,
    enforce: Py<PyAny>,
    read_pem: Py<PyAny>,
    /// `target`'s `tp_new`: a new object without the call through `object.__new__`.
    new: capi::New,
    /// Each of `names` by the address of its (interned, held) string: a keyword's parameter
    /// found in a probe or two rather than by comparing it with every name before it.
    by_ptr: NameIndex,
    /// The keyword names of the last call and the parameter each named: a call site passes the
    /// same tuple of names on every call (the compiler's constant), so a call with that very
    /// tuple (held here, so that its address names no other) finds its parameters without
    /// reading a name. Only tried (`try_lock`): a call that finds it taken matches its names.
    last_keywords: Mutex<Option<Keywords>>,
    /// How argument errors name the factory (`AksCompute.provisioning_configuration`).
    qualname: PyOnceLock<String>,
    /// How argument errors name the class's native `__init__` (`AksUpdateConfiguration.__init__`).
    init_qualname: PyOnceLock<String>,
}

/// The maker of each operation whose class has a native `__init__` ([`Maker::init_method`]),
/// by [`init_slot`]: a method descriptor's C function is handed no data of its own, so its
/// maker is found here (one per operation: the classes are made once).
static INIT_MAKERS: [PyOnceLock<Py<Maker>>; 3] = [PyOnceLock::new(), PyOnceLock::new(), PyOnceLock::new()];

fn init_slot(operation: Operation) -> usize {
    match operation {
        Operation::Create => 0,
        Operation::Attach => 1,
        _ => 2,
    }
}

/// The native `__init__` of the class of the maker in `INIT_MAKERS[SLOT]`.
struct Init<const SLOT: usize>;

impl<const SLOT: usize> capi::MethodCall for Init<SLOT> {
    fn call<'py>(
        obj: &Bound<'py, PyAny>,
        args: &[Option<Borrowed<'_, 'py, PyAny>>],
        nargs: usize,
        kwnames: Option<&Bound<'py, PyTuple>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = obj.py();
        let Some(maker) = INIT_MAKERS.get(SLOT).and_then(|m| m.get(py)) else {
            return Err(PyTypeError::new_err("this __init__ has no configuration class (Maker.init_method made none)"));
        };
        let me = maker.get();
        // A class call hands `__init__` its keywords as a dict, made into a new tuple of names
        // on every call: nothing to remember.
        let given = me.arguments(py, me.init_qualname.get(py).map_or("__init__", String::as_str), args, nargs, kwnames, false)?;
        me.fill_given(obj, &given)?;
        Ok(py.None().into_bound(py))
    }
}

#[pymethods]
impl Maker {
    #[new]
    #[pyo3(signature = (target, operation, table, names, fixed, enforce, read_pem))]
    #[allow(clippy::too_many_arguments)] // what one class's constructor needs, given once
    fn new(
        py: Python<'_>,
        target: Py<PyType>,
        operation: &str,
        table: Py<AttrTable>,
        names: Vec<String>,
        fixed: Vec<(String, Py<PyAny>)>,
        enforce: Py<PyAny>,
        read_pem: Py<PyAny>,
    ) -> PyResult<Self> {
        let operation: Operation = operation.parse().map_err(PyValueError::new_err)?;
        if !matches!(operation, Operation::Create | Operation::Attach | Operation::Update) {
            return Err(PyValueError::new_err(format!("configuration objects are for create, attach and update, not {operation}")));
        }
        let intern = |s: &str| PyString::intern(py, s).unbind();
        table.get().own(target.bind(py));
        let slots = table
            .get()
            .attrs()
            .map(|attr| {
                let attr = attr.bind(py).to_cow().ok()?;
                match names.iter().position(|n| *n == attr) {
                    Some(i) => Some(Slot::Arg(i)),
                    None => fixed.iter().position(|(n, _)| *n == attr).map(Slot::Fixed),
                }
            })
            .collect();
        let fixed: Vec<(Py<PyString>, Py<PyAny>)> = fixed.into_iter().map(|(n, v)| (intern(&n), v)).collect();
        let names: Vec<Py<PyString>> = names.iter().map(|n| intern(n)).collect();
        if names.len() > MAX_ROWS {
            return Err(PyValueError::new_err(format!("a configuration class takes at most {MAX_ROWS} arguments")));
        }
        let new = capi::New::of(target.bind(py))?;
        let by_ptr = NameIndex::of(&names);
        let template = PyDict::new(py);
        for (k, v) in &fixed {
            template.set_item(k.bind(py), v.bind(py))?;
        }
        for k in &names {
            template.set_item(k.bind(py), py.None())?;
        }
        Ok(Maker {
            cls: target,
            operation,
            table,
            slots,
            names,
            fixed,
            template: template.unbind(),
            enforce,
            read_pem,
            new,
            by_ptr,
            last_keywords: Mutex::new(None),
            qualname: PyOnceLock::new(),
            init_qualname: PyOnceLock::new(),
        })
    }

    /// `function(name, qualname, doc)`: the factory of `target` as a built-in function
    /// `name(p1=None, …)` taking the constructor's parameters, positional or by keyword, every
    /// one `None` by default (as azureml-core's `provisioning_configuration` and
    /// `attach_configuration` take them): a new object, its attributes set and checked, in one
    /// native call. `qualname` names it in argument errors, as Python names a function.
    ///
    /// The function is CPython's vectorcall kind (`METH_FASTCALL | METH_KEYWORDS`): the
    /// arguments arrive as an array and the keyword names as a tuple, so no frame, argument
    /// tuple or keyword dict is made on the way in. Its `__text_signature__` is the parameters'
    /// (what `inspect.signature` reads).
    fn function<'py>(slf: &Bound<'py, Self>, name: &str, qualname: &str, doc: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let me = slf.get();
        let params: Vec<String> = me.names.iter().map(|n| Ok(format!("{}=None", n.bind(py).to_cow()?))).collect::<PyResult<_>>()?;
        let _ = me.qualname.set(py, qualname.to_string());
        let text = format!("{name}({})\n--\n\n{doc}", params.join(", "));
        let module = me.cls.bind(py).getattr(intern!(py, "__module__"))?;
        capi::function(slf, name, &text, &module)
    }

    /// `init_method(doc)`: `target.__init__(self, p1=None, …)` as a native method (a method
    /// descriptor of `target`) taking the constructor's parameters as [`Maker::function`] does:
    /// the attributes set and checked in one native call, no Python frame made. For a class
    /// whose parameters all default to `None` (as azureml-core's update and attach
    /// configurations' do). One per operation in a process.
    fn init_method<'py>(slf: &Bound<'py, Self>, doc: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let me = slf.get();
        let slot = init_slot(me.operation);
        let Some(cell) = INIT_MAKERS.get(slot) else { return Err(PyValueError::new_err("no such operation")) };
        if !cell.get_or_init(py, || slf.clone().unbind()).is(slf) {
            return Err(PyValueError::new_err(format!("the native __init__ of {} configurations is made once", me.operation)));
        }
        let cls = me.cls.bind(py);
        let _ = me.init_qualname.set(py, format!("{}.__init__", cls.qualname()?));
        let params: Vec<String> = me.names.iter().map(|n| Ok(format!("{}=None", n.bind(py).to_cow()?))).collect::<PyResult<_>>()?;
        let text = format!("__init__($self, {})\n--\n\n{doc}", params.join(", "));
        match slot {
            0 => capi::method::<Init<0>>(cls, "__init__", &text),
            1 => capi::method::<Init<1>>(cls, "__init__", &text),
            _ => capi::method::<Init<2>>(cls, "__init__", &text),
        }
    }

    /// The body of `target.__init__(obj, *args)`.
    #[pyo3(signature = (obj, *args))]
    fn init(&self, obj: &Bound<'_, PyAny>, args: &Bound<'_, PyTuple>) -> PyResult<()> {
        self.fill(obj, args)
    }

    /// `validate_configuration()` of a configuration object of this operation (any class).
    fn check(&self, obj: &Bound<'_, PyAny>) -> PyResult<()> {
        self.enforce_on(obj, None)
    }
}

impl Maker {
    fn arity(&self, args: &Bound<'_, PyTuple>) -> PyResult<()> {
        if args.len() != self.names.len() {
            let name = self.cls.bind(args.py()).qualname()?;
            return Err(PyTypeError::new_err(format!("{name}() takes {} arguments, not {}", self.names.len(), args.len())));
        }
        Ok(())
    }

    /// The value of each row of the table among the constructor's arguments (`args[i]`, `None`
    /// when not given) and the fixed attributes, on the stack: what the table reads, with
    /// nothing looked up.
    fn values<'a, 'py>(
        &'a self,
        py: Python<'py>,
        args: impl Fn(usize) -> Option<Borrowed<'a, 'py, PyAny>>,
    ) -> [Option<Borrowed<'a, 'py, PyAny>>; MAX_ROWS] {
        let mut out: [Option<Borrowed<'a, 'py, PyAny>>; MAX_ROWS] = [None; MAX_ROWS];
        for (v, s) in out.iter_mut().zip(&self.slots) {
            *v = match s {
                Some(Slot::Arg(i)) => args(*i),
                Some(Slot::Fixed(i)) => self.fixed.get(*i).map(|(_, v)| v.bind_borrowed(py)),
                None => None,
            };
        }
        out
    }

    /// A new object of `target` with the attributes of one call: `fixed`, then each of `names`
    /// (`given[i]`, `None` when not given), in that order, as its constructor sets them (so
    /// `vars()` lists them so); then checked.
    fn make<'a, 'py>(&'a self, py: Python<'py>, given: &[Option<Borrowed<'a, 'py, PyAny>>; MAX_ROWS]) -> PyResult<Bound<'py, PyAny>> {
        let obj = self.new.call(self.cls.bind(py))?;
        // One dict built whole (the template's copy, then the arguments given) rather than
        // attribute by attribute: 18 PyObject_SetAttr calls cost half as much again.
        let d = self.template.bind(py).copy()?;
        for (k, v) in self.names.iter().zip(given) {
            if let Some(v) = v.filter(|v| !v.is_none()) {
                d.set_item(k.bind(py), v)?;
            }
        }
        obj.setattr(intern!(py, "__dict__"), d)?;
        let values = self.values(py, |i| given.get(i).copied().flatten());
        self.enforce_on(&obj, Some(Source::Values(&obj, &values)))?;
        Ok(obj)
    }

    /// The arguments of one call of the function (`function`), each in the slot of its
    /// parameter: positional ones first, then each keyword matched to its parameter by the
    /// identity of its (interned) name, or by equality when a caller's name is another string.
    /// `qualname` names the callee in argument errors; `remember`: the keyword names are
    /// looked up in, and kept as, the last call's (`last_keywords`).
    fn arguments<'a, 'py>(
        &self,
        py: Python<'py>,
        qualname: &str,
        args: &[Option<Borrowed<'a, 'py, PyAny>>],
        nargs: usize,
        kwnames: Option<&Bound<'py, PyTuple>>,
        remember: bool,
    ) -> PyResult<[Option<Borrowed<'a, 'py, PyAny>>; MAX_ROWS]> {
        let mut given = [None; MAX_ROWS];
        let n = self.names.len();
        if nargs > n {
            return Err(PyTypeError::new_err(format!("{qualname}() takes from 0 to {n} positional arguments but {nargs} were given")));
        }
        let (positional, keywords) = args.split_at(nargs.min(args.len()));
        given[..positional.len()].copy_from_slice(positional);
        let Some(kwnames) = kwnames else { return Ok(given) };
        if let Some(last) = remember.then(|| self.last_keywords.try_lock().ok()).flatten() {
            if let Some(k) = last.as_ref().filter(|k| k.names.is(kwnames) && k.nargs == nargs) {
                for (&at, v) in k.at.iter().take(k.n).zip(keywords) {
                    if let Some(slot) = given.get_mut(usize::from(at)) {
                        *slot = *v;
                    }
                }
                return Ok(given);
            }
        }
        let mut at = [0u8; capi::MAX_ARGS];
        let mut n_kw = 0;
        for (key, v) in kwnames.iter_borrowed().zip(keywords) {
            let found = match self.by_ptr.find(key.as_ptr()) {
                Some(i) => Some(i),
                None => {
                    let mut found = None;
                    for (i, n) in self.names.iter().enumerate() {
                        if key.eq(n.bind(py))? {
                            found = Some(i);
                            break;
                        }
                    }
                    found
                }
            };
            let Some((i, slot)) = found.and_then(|i| Some((i, given.get_mut(i)?))) else {
                return Err(PyTypeError::new_err(format!("{qualname}() got an unexpected keyword argument {}", key.repr()?)));
            };
            if slot.is_some() {
                return Err(PyTypeError::new_err(format!("{qualname}() got multiple values for argument {}", key.repr()?)));
            }
            *slot = *v;
            if let Some(a) = at.get_mut(n_kw) {
                *a = u8::try_from(i).unwrap_or(u8::MAX);
            }
            n_kw += 1;
        }
        if let Some(mut last) = remember.then(|| self.last_keywords.try_lock().ok()).flatten() {
            *last = Some(Keywords { names: kwnames.clone().unbind(), nargs, at, n: n_kw });
        }
        Ok(given)
    }

    fn fill(&self, obj: &Bound<'_, PyAny>, args: &Bound<'_, PyTuple>) -> PyResult<()> {
        let py = obj.py();
        self.arity(args)?;
        let d = obj.getattr(intern!(py, "__dict__"))?.cast_into::<PyDict>()?;
        for (k, v) in &self.fixed {
            d.set_item(k.bind(py), v.bind(py))?;
        }
        for (k, v) in self.names.iter().zip(args.iter()) {
            d.set_item(k.bind(py), v)?;
        }
        self.check_made(obj, |i| args.get_borrowed_item(i).ok())
    }

    /// The check a constructor ends with: this class's rules on the arguments as given (`arg(i)`),
    /// or, for a subclass, which may check otherwise, its own `validate_configuration`.
    fn check_made<'a, 'py>(&'a self, obj: &Bound<'py, PyAny>, arg: impl Fn(usize) -> Option<Borrowed<'a, 'py, PyAny>>) -> PyResult<()> {
        let py = obj.py();
        if obj.get_type().is(self.cls.bind(py)) {
            let values = self.values(py, arg);
            self.enforce_on(obj, Some(Source::Values(obj, &values)))
        } else {
            obj.call_method0(intern!(py, "validate_configuration")).map(drop)
        }
    }

    /// What the native `__init__` does to `obj` with one call's arguments (`given[i]`, `None`
    /// when not given): every attribute set as the Python constructor sets them (`fixed`, then
    /// each of `names`, in that order), then checked as [`Maker::fill`] checks.
    fn fill_given<'a, 'py>(&'a self, obj: &Bound<'py, PyAny>, given: &[Option<Borrowed<'a, 'py, PyAny>>; MAX_ROWS]) -> PyResult<()> {
        let py = obj.py();
        let d = obj.getattr(intern!(py, "__dict__"))?.cast_into::<PyDict>()?;
        // The template holds every attribute unset: the same keys in the same order as the
        // Python constructor's assignments, then the arguments given over them.
        d.update(self.template.bind(py).as_mapping())?;
        for (k, v) in self.names.iter().zip(given) {
            if let Some(v) = v.filter(|v| !v.is_none()) {
                d.set_item(k.bind(py), v)?;
            }
        }
        self.check_made(obj, |i| given.get(i).copied().flatten())
    }

    fn enforce_on<'py>(&self, obj: &Bound<'py, PyAny>, src: Option<Source<'_, 'py>>) -> PyResult<()> {
        let py = obj.py();
        let (profile, locale) = crate::state::current();
        let sdk = profile == Profile::Sdk;
        let mut ctx = Context::default();
        // English is the core's default: no tag to copy and read again on every call.
        let tag = (locale != crate::state::DEFAULT_LOCALE).then(|| locale.to_string());
        (ctx.profile, ctx.locale, ctx.name_later) = (profile, tag, true);
        let read_pem = if sdk { None } else { Some(self.read_pem.bind(py)) };
        // The core reads no clock: certificates are checked at the time of the call (not under
        // sdk, whose rules are azureml-core's few).
        if let Some(found) = findings(py, self.operation, self.table.get(), obj, src, read_pem, &mut ctx, !sdk, Severity::Warning)? {
            self.enforce.bind(py).call1((found, profile.as_str(), locale))?;
        }
        Ok(())
    }
}

/// The keyword names of one call site ([`Maker::arguments`]): for each name, in order, the
/// position of its parameter, when `nargs` values came first.
struct Keywords {
    names: Py<PyTuple>,
    nargs: usize,
    at: [u8; capi::MAX_ARGS],
    /// How many of `at` are the names'.
    n: usize,
}

/// An open-addressing table from the address of a parameter's name (an interned string, held
/// by the `Maker`) to its position: the few names of one constructor, each found in a probe or
/// two. CPython passes a call site's keyword names as these very objects (the compiler interns
/// identifiers), so this is how nearly every keyword is matched.
struct NameIndex {
    slots: [(usize, usize); NAME_SLOTS],
}

/// Slots of a [`NameIndex`]: a power of two, at least twice `MAX_ROWS`, so that probes stay short.
const NAME_SLOTS: usize = 64;

impl NameIndex {
    fn of(names: &[Py<PyString>]) -> Self {
        let mut slots = [(0usize, 0usize); NAME_SLOTS];
        for (i, n) in names.iter().enumerate().take(NAME_SLOTS / 2) {
            let p = n.as_ptr() as usize;
            let mut at = Self::home(p);
            while slots.get(at).is_some_and(|s| s.0 != 0) {
                at = (at + 1) % NAME_SLOTS;
            }
            if let Some(slot) = slots.get_mut(at) {
                *slot = (p, i);
            }
        }
        NameIndex { slots }
    }

    /// Objects are 16-byte aligned: the bits above those pick the slot.
    fn home(p: usize) -> usize {
        ((p >> 4) ^ (p >> 10)) % NAME_SLOTS
    }

    /// The position of the name at `p`, if it is one of them (by identity).
    fn find(&self, p: *mut pyo3::ffi::PyObject) -> Option<usize> {
        let p = p as usize;
        let mut at = Self::home(p);
        for _ in 0..NAME_SLOTS {
            match self.slots.get(at) {
                Some(&(q, i)) if q == p => return Some(i),
                Some(&(0, _)) | None => return None,
                _ => at = (at + 1) % NAME_SLOTS,
            }
        }
        None
    }
}

/// Where a constructor's value for an attribute is.
#[derive(Clone, Copy)]
enum Slot {
    /// The constructor's argument at this position.
    Arg(usize),
    /// The fixed attribute at this position.
    Fixed(usize),
}

/// Seconds since 1970, as Python's `int(time.time())`.
fn unix_now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

impl capi::Vectorcall for Maker {
    fn vectorcall<'py>(
        slf: &Bound<'py, Self>,
        args: &[Option<Borrowed<'_, 'py, PyAny>>],
        nargs: usize,
        kwnames: Option<&Bound<'py, PyTuple>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let me = slf.get();
        let given = me.arguments(slf.py(), me.qualname.get(slf.py()).map_or("function", String::as_str), args, nargs, kwnames, true)?;
        me.make(slf.py(), &given)
    }
}
