//! The few calls into CPython's C API that pyo3 offers only from the 3.10 limited API, made
//! here for the 3.9 one the module keeps (the SDK v1's older images), each where it saves what
//! a `provisioning_configuration()` spends most on: the only `unsafe` of the crate.
//!
//! - [`function`]: a built-in function of CPython's vectorcall kind (`METH_FASTCALL |
//!   METH_KEYWORDS`, PEP 590): the arguments arrive as an array and the keyword names as a
//!   tuple, where pyo3's functions under the 3.9 limited API get an argument tuple and a
//!   keyword dict built for each call.
//! - [`method`]: the same kind of function as a method of a class (a method descriptor), so
//!   that a class's `__init__` is native: CPython calls it with the new object and the
//!   arguments as they came, with no Python frame between.
//! - [`utf8`]: a `str`'s own UTF-8, where pyo3 encodes it to a new `bytes` object and copies.
//!
//! CPython has both since 3.7 (`PyUnicode_AsUTF8AndSize` since 3.3), with the same values and
//! signatures in every version this module loads in; the limited API lists them from 3.10,
//! which is why pyo3-ffi declares them only there.
#![allow(unsafe_code)]

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use pyo3::Borrowed;
#[cfg(not(windows))]
use std::ffi::c_char;
use std::ffi::{c_int, CString};

/// The most arguments a function made by [`function`] takes in one call.
pub const MAX_ARGS: usize = 32;

/// `METH_FASTCALL | METH_KEYWORDS`: CPython's values, unchanged since 3.7.
const METH_FASTCALL_KEYWORDS: c_int = 0x0080 | 0x0002;

/// What a built-in function made by [`function`] does with one call's arguments.
pub trait Vectorcall: pyo3::PyClass {
    /// `args`: the `nargs` positional values, then one value per name of `kwnames` (each
    /// `Some`: CPython passes no NULL).
    fn vectorcall<'py>(
        slf: &Bound<'py, Self>,
        args: &[Option<Borrowed<'_, 'py, PyAny>>],
        nargs: usize,
        kwnames: Option<&Bound<'py, PyTuple>>,
    ) -> PyResult<Bound<'py, PyAny>>;
}

/// A built-in function named `name`, bound to `slf` (which it keeps), calling
/// `T::vectorcall`; `doc` is its docstring, which may begin with a text signature
/// (`name(a=None)\n--\n\n`, what `inspect.signature` reads); `module` its `__module__`.
///
/// The function's definition is made once per call of this (at import: one per configuration
/// class) and lives as long as the process, as CPython keeps a pointer to it.
pub fn function<'py, T: Vectorcall>(slf: &Bound<'py, T>, name: &str, doc: &str, module: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    // SAFETY: `trampoline::<T>` has the signature CPython calls a METH_FASTCALL |
    // METH_KEYWORDS function with; C code stores such a function in the same member, cast.
    let meth = unsafe { std::mem::transmute::<FastCallWithKeywords, ffi::PyCFunction>(trampoline::<T>) };
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: CString::new(name)?.into_raw(),
        ml_meth: ffi::PyMethodDefPointer { PyCFunction: meth },
        ml_flags: METH_FASTCALL_KEYWORDS,
        ml_doc: CString::new(doc)?.into_raw(),
    }));
    // SAFETY: `def` is valid for ever; `slf` and `module` are live objects (the function
    // takes its own references to them).
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyCFunction_NewEx(def, slf.as_ptr(), module.as_ptr())) }
}

/// What a method made by [`method`] does with one call: `obj` is the object it is called on,
/// the rest as for [`Vectorcall::vectorcall`].
pub trait MethodCall {
    /// The method's body.
    fn call<'py>(
        obj: &Bound<'py, PyAny>,
        args: &[Option<Borrowed<'_, 'py, PyAny>>],
        nargs: usize,
        kwnames: Option<&Bound<'py, PyTuple>>,
    ) -> PyResult<Bound<'py, PyAny>>;
}

/// A method `name` of `cls` (a method descriptor, as a C class's methods are) calling
/// `M::call`; `doc` as for [`function`] (its text signature begins with `$self`). Set as a
/// class attribute it binds to the object as a Python method does, and CPython calls it
/// without making a bound method (its type is a method descriptor's).
///
/// The definition lives as long as the process, as for [`function`].
pub fn method<'py, M: MethodCall>(cls: &Bound<'py, pyo3::types::PyType>, name: &str, doc: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    // SAFETY: as in `function`: the signature of a METH_FASTCALL | METH_KEYWORDS function.
    let meth = unsafe { std::mem::transmute::<FastCallWithKeywords, ffi::PyCFunction>(method_trampoline::<M>) };
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: CString::new(name)?.into_raw(),
        ml_meth: ffi::PyMethodDefPointer { PyCFunction: meth },
        ml_flags: METH_FASTCALL_KEYWORDS,
        ml_doc: CString::new(doc)?.into_raw(),
    }));
    // SAFETY: `def` is valid for ever; `cls` is a live type (the descriptor keeps a reference).
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDescr_NewMethod(cls.as_ptr().cast(), def)) }
}

/// The C side of [`method`]: the method descriptor has checked that `obj` is an instance of
/// the class; errors and panics as in [`trampoline`].
unsafe extern "C" fn method_trampoline<M: MethodCall>(
    obj: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls a method with the thread attached, with `obj` a live object and
    // the arguments as for any METH_FASTCALL | METH_KEYWORDS function.
    unsafe {
        fast_call(obj, args, nargs, kwnames, |obj, values, nargs, kwnames| Ok(M::call(&obj.to_owned(), values, nargs, kwnames)?.into_ptr()))
    }
}

/// One METH_FASTCALL | METH_KEYWORDS call: the arguments as a slice (at most [`MAX_ARGS`]),
/// `body`'s error raised as a Python exception, a panic as `PanicException`.
///
/// # Safety
/// The thread is attached; `slf` is a live object; `args` holds `nargs` values then one per
/// name of `kwnames` (a tuple of strings, or NULL), alive for the call.
unsafe fn fast_call(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    body: impl for<'a, 'py> FnOnce(
        Borrowed<'a, 'py, PyAny>,
        &[Option<Borrowed<'a, 'py, PyAny>>],
        usize,
        Option<&Bound<'py, PyTuple>>,
    ) -> PyResult<*mut ffi::PyObject>,
) -> *mut ffi::PyObject {
    // SAFETY: the caller's (the thread is attached).
    let py = unsafe { Python::assume_attached() };
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> PyResult<*mut ffi::PyObject> {
        // SAFETY: the caller's: a live object.
        let slf = unsafe { Borrowed::from_ptr_or_err(py, slf)? };
        // SAFETY: a tuple of strings when not NULL, alive for the call.
        let kwnames = unsafe { Borrowed::from_ptr_or_opt(py, kwnames) };
        let kwnames = match kwnames {
            Some(k) => Some(k.cast::<PyTuple>().map_err(PyErr::from)?.to_owned()),
            None => None,
        };
        let nargs = usize::try_from(nargs).unwrap_or(0);
        let total = nargs + kwnames.as_ref().map_or(0, |k| k.len());
        let raw: &[*mut ffi::PyObject] = if total == 0 || args.is_null() {
            &[]
        } else {
            // SAFETY: CPython passes `nargs` positional values, then one per keyword name.
            unsafe { std::slice::from_raw_parts(args, total) }
        };
        if raw.len() > MAX_ARGS {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!("at most {MAX_ARGS} arguments, not {}", raw.len())));
        }
        let mut values: [Option<Borrowed<'_, '_, PyAny>>; MAX_ARGS] = [None; MAX_ARGS];
        for (v, p) in values.iter_mut().zip(raw) {
            // SAFETY: each is a live object CPython holds for the call.
            *v = unsafe { Borrowed::from_ptr_or_opt(py, *p) };
        }
        body(slf, &values[..raw.len()], nargs, kwnames.as_ref())
    }));
    let err = match out {
        Ok(Ok(obj)) => return obj,
        Ok(Err(e)) => e,
        Err(panic) => {
            let text = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
            pyo3::panic::PanicException::new_err(text.unwrap_or_else(|| "panic in akscompute".to_string()))
        }
    };
    err.restore(py);
    std::ptr::null_mut()
}

/// What CPython calls a `METH_FASTCALL | METH_KEYWORDS` function with.
type FastCallWithKeywords =
    unsafe extern "C" fn(*mut ffi::PyObject, *const *mut ffi::PyObject, ffi::Py_ssize_t, *mut ffi::PyObject) -> *mut ffi::PyObject;

/// The C side of [`function`]: errors are raised as Python exceptions, a panic as
/// `PanicException`; nothing unwinds into CPython.
unsafe extern "C" fn trampoline<T: Vectorcall>(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls a built-in function with the thread attached, `slf` its `self` (a
    // live `T`, which `function` was given) and the arguments as `fast_call` takes them.
    unsafe {
        fast_call(slf, args, nargs, kwnames, |slf, values, nargs, kwnames| {
            let slf = slf.cast::<T>().map_err(PyErr::from)?;
            Ok(T::vectorcall(&slf.to_owned(), values, nargs, kwnames)?.into_ptr())
        })
    }
}

/// How a configuration class's objects are made without the call through `cls.__new__` (an
/// argument tuple and a method wrapper).
pub enum New {
    /// The class's `tp_alloc`, for a class whose `__new__` is `object.__new__`: an object with
    /// every field NULL, as `object.__new__` makes it but without the attribute values it
    /// lays out on 3.11 and 3.12, which a `__dict__` set at once would first copy into a dict
    /// only to drop it (some 300 instructions a `provisioning_configuration()`, callgrind).
    Alloc(ffi::allocfunc),
    /// The class's own `tp_new`, called as CPython calls it.
    New(ffi::newfunc, Py<PyTuple>),
}

impl New {
    /// How to make the objects of `cls`, a class made by a `class` statement (a heap type).
    pub fn of(cls: &Bound<'_, pyo3::types::PyType>) -> PyResult<New> {
        let py = cls.py();
        let plain =
            cls.getattr(pyo3::intern!(py, "__new__"))?.is(py.get_type::<pyo3::types::PyAny>().getattr(pyo3::intern!(py, "__new__"))?);
        if plain {
            // SAFETY: `cls` is a live heap type (see `New::New`'s reading of its slots).
            let slot = unsafe { ffi::PyType_GetSlot(cls.as_ptr().cast(), ffi::Py_tp_alloc) };
            if !slot.is_null() {
                // SAFETY: the tp_alloc slot holds an `allocfunc`.
                return Ok(New::Alloc(unsafe { std::mem::transmute::<*mut std::ffi::c_void, ffi::allocfunc>(slot) }));
            }
            drop(PyErr::take(py));
        }
        // SAFETY: `cls` is a live type; PyType_GetSlot reads a heap type's slots on every
        // version (and says NULL, with an exception, for a static type before 3.10).
        let slot = unsafe { ffi::PyType_GetSlot(cls.as_ptr().cast(), ffi::Py_tp_new) };
        if slot.is_null() {
            return Err(PyErr::take(py)
                .unwrap_or_else(|| pyo3::exceptions::PyTypeError::new_err("the configuration class cannot make objects (no tp_new)")));
        }
        // SAFETY: the tp_new slot holds a `newfunc`.
        let new = unsafe { std::mem::transmute::<*mut std::ffi::c_void, ffi::newfunc>(slot) };
        Ok(New::New(new, PyTuple::empty(py).unbind()))
    }

    /// A new object of `cls` (the class `of` was given), as `cls.__new__(cls)` makes it.
    pub fn call<'py>(&self, cls: &Bound<'py, pyo3::types::PyType>) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        match self {
            // SAFETY: tp_alloc called as `object.__new__` calls it (the type, no items); it
            // returns a new reference (tracked by the GC when the type is) or NULL with an
            // exception set.
            New::Alloc(alloc) => unsafe { Bound::from_owned_ptr_or_err(py, alloc(cls.as_ptr().cast(), 0)) },
            // SAFETY: tp_new called as CPython calls it (the type, an argument tuple, no
            // keywords); it returns a new reference or NULL with an exception set.
            New::New(new, no_args) => unsafe {
                Bound::from_owned_ptr_or_err(py, new(cls.as_ptr().cast(), no_args.as_ptr(), std::ptr::null_mut()))
            },
        }
    }
}

/// The UTF-8 text of a Python string, borrowed from the string itself: no `bytes` object and
/// no second copy. `None` for a string that is not Unicode text (a lone surrogate), its error
/// cleared.
///
/// On Windows an abi3 module links against `python3.dll`, which exports
/// `PyUnicode_AsUTF8AndSize` only from 3.10: there pyo3's copy through `bytes` stays.
#[cfg(not(windows))]
pub fn utf8<'a>(s: &'a Bound<'_, PyString>) -> Option<&'a str> {
    extern "C" {
        fn PyUnicode_AsUTF8AndSize(unicode: *mut ffi::PyObject, size: *mut ffi::Py_ssize_t) -> *const c_char;
    }
    let mut len: ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live `str`; the text returned is the string's own (cached) UTF-8, valid
    // as long as the string is, which the borrow of `s` ties the result to.
    let p = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut len) };
    if p.is_null() {
        drop(PyErr::take(s.py()));
        return None;
    }
    let len = usize::try_from(len).ok()?;
    // SAFETY: CPython's UTF-8 of the string, `len` bytes at `p`: valid UTF-8 (it refuses a
    // string it cannot encode, above), so it is not checked again.
    unsafe { Some(std::str::from_utf8_unchecked(std::slice::from_raw_parts(p.cast::<u8>(), len))) }
}

/// [`utf8`] where the interpreter's DLL may lack `PyUnicode_AsUTF8AndSize`: pyo3's copy.
#[cfg(windows)]
pub fn utf8<'a>(s: &'a Bound<'_, PyString>) -> Option<std::borrow::Cow<'a, str>> {
    s.to_cow().ok()
}
