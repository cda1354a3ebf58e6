//! The constructors of the configuration classes (`AksProvisioningConfiguration`,
//! `AksAttachConfiguration`, `AksUpdateConfiguration`) and their `validate_configuration`, in
//! one native call each: the attributes go into the instance dict and the core's configuration
//! together, and Python is called back only when the rules found an error or a warning.
//!
//! Which attributes an object has and in which order its constructor takes them is the Python
//! class's (its `__init__` signature, handed over once); where each goes in the core's shape is
//! the attribute table's (`akscompute._fields`). Nothing is kept between calls but those.
use crate::attrs::{AttrTable, Source, MAX_ROWS};
use akscompute::{AttachConfig, Context, CreateConfig, Operation, Profile, Severity, UpdateConfig};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};

/// The errors and warnings (infos are for `diagnostics()`) of a configuration object, as
/// diagnostic dicts; a shape error raises `ConfigurationError` in the context's locale.
/// `src`: where the attributes are, when the caller knows better than the table.
#[allow(clippy::too_many_arguments)] // one check's inputs, each from a different place
pub(crate) fn findings<'py>(
    py: Python<'py>,
    operation: Operation,
    table: &AttrTable,
    obj: &Bound<'py, PyAny>,
    src: Option<Source<'_, 'py>>,
    read_pem: Option<&Bound<'py, PyAny>>,
    ctx: &Context,
    floor: Severity,
) -> PyResult<Bound<'py, PyAny>> {
    let shape_error = |e: akscompute::ConfigError| crate::shape_error_in(py, &e, ctx.locale.as_deref());
    // The instance dict when the caller has it in hand; otherwise the table knows where to read.
    macro_rules! read {
        ($t:ty) => {
            match src {
                Some(src) => table.config_from(src, read_pem, <$t>::from_value, None)?,
                None => table.config(obj, read_pem, <$t>::from_value, None)?,
            }
            .map_err(shape_error)?
        };
    }
    let found = match operation {
        Operation::Create => akscompute::validate_create(&read!(CreateConfig), ctx),
        Operation::Attach => akscompute::validate_attach(&read!(AttachConfig), ctx),
        Operation::Update => akscompute::validate_update(&read!(UpdateConfig), ctx),
        other => return Err(PyValueError::new_err(format!("configuration objects are for create, attach and update, not {other}"))),
    };
    crate::convert::diagnostics(py, found.diagnostics.iter().filter(|d| d.severity <= floor))
}

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
    object_new: Py<PyAny>,
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
            object_new: py.import("builtins")?.getattr("object")?.getattr("__new__")?.unbind(),
        })
    }

    /// `target(*args)`, without a Python frame: a new object, its attributes set and checked.
    #[pyo3(signature = (*args))]
    fn __call__<'py>(&self, py: Python<'py>, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
        self.arity(args)?;
        let obj = self.object_new.bind(py).call1((self.cls.bind(py),))?;
        // A new object of exactly this class: its dict is the template's copy with the
        // arguments given, one dict built whole rather than grown an attribute at a time.
        let d = self.template.bind(py).copy()?;
        for (k, v) in self.names.iter().zip(args.iter()) {
            if !v.is_none() {
                d.set_item(k.bind(py), v)?;
            }
        }
        obj.setattr(intern!(py, "__dict__"), d)?;
        self.enforce_on(&obj, Some(Source::Values(&obj, &self.values(args))))?;
        Ok(obj)
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

    /// The value of each row of the table among the constructor's arguments and the fixed
    /// attributes, on the stack: what the table reads, with nothing looked up.
    fn values<'py>(&self, args: &Bound<'py, PyTuple>) -> [Option<Bound<'py, PyAny>>; MAX_ROWS] {
        let py = args.py();
        let mut out: [Option<Bound<'py, PyAny>>; MAX_ROWS] = std::array::from_fn(|_| None);
        for (v, s) in out.iter_mut().zip(&self.slots) {
            *v = match s {
                Some(Slot::Arg(i)) => args.get_item(*i).ok(),
                Some(Slot::Fixed(i)) => self.fixed.get(*i).map(|(_, v)| v.bind(py).clone()),
                None => None,
            };
        }
        out
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
        if obj.get_type().is(self.cls.bind(py)) {
            self.enforce_on(obj, Some(Source::Values(obj, &self.values(args))))
        } else {
            // A subclass may check otherwise: its own validate_configuration, as the constructor calls it.
            obj.call_method0(intern!(py, "validate_configuration")).map(drop)
        }
    }

    fn enforce_on<'py>(&self, obj: &Bound<'py, PyAny>, src: Option<Source<'_, 'py>>) -> PyResult<()> {
        let py = obj.py();
        let (profile, locale) = crate::state::current();
        let sdk = profile == Profile::Sdk;
        // The core reads no clock: certificates are checked at the time of the call.
        let now = if sdk { None } else { Some(unix_now()) };
        let mut ctx = Context::default();
        (ctx.profile, ctx.locale, ctx.now, ctx.name_later) = (profile, Some(locale), now, true);
        let read_pem = if sdk { None } else { Some(self.read_pem.bind(py)) };
        let found = findings(py, self.operation, self.table.get(), obj, src, read_pem, &ctx, Severity::Warning)?;
        if found.is_truthy()? {
            self.enforce.bind(py).call1((found, profile.as_str(), ctx.locale.as_deref().unwrap_or_default()))?;
        }
        Ok(())
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
