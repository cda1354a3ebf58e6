//! Configuration objects (akscompute's or azureml-core's: they have the same attributes) read
//! attribute by attribute into the core's configuration shape, in one native call.
//!
//! Which attribute goes where is the Python package's table (`akscompute._fields`, azureml-core's
//! attribute names beside the core's shape): it is handed over once, as an [`AttrTable`], and
//! read here on every call, so a `provisioning_configuration()` builds no dict, no JSON text and
//! no second copy of its values before the core's reader sees them.
//!
//! Where each shape path goes in the core's structs ([`Field`], the [`Slot`]s of [`Typed`]) is
//! spelled out here rather than left to the core's shape reader, the one definition: handed the
//! attributes as a JSON value, that reader took 6.1k instructions a
//! `provisioning_configuration()` and dropping the value 2.9k more, where these slots took 2.7k
//! in all, attributes read included (callgrind; the call was 13.4k in total), and 1.5k since a
//! call's texts go into the buffers of a configuration kept from the call before
//! ([`AttrTable::typed`] sets or unsets every field). The generated `_shapes.py` and the test
//! that holds `akscompute._fields` to it keep the paths the core's.
use crate::convert::from_py_at;
use akscompute::{AttachConfig, ConfigError, CreateConfig, Secret, SslConfig, UpdateConfig, VnetConfig};
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyString, PyTuple, PyType};
use pyo3::Borrowed;
use serde_json::{Map, Value};

/// The most rows a table has (create's has 17): the values of one object are gathered on the
/// stack.
pub const MAX_ROWS: usize = 24;

/// The texts of a configuration read by [`AttrTable::config`], each with the Python string it
/// was copied from, by the address and length of the struct's copy: a payload that borrows
/// the text gives the same string back (as azureml-core's payload holds the attribute's own
/// string) rather than a new one decoded from it. The struct is only read while its payload is
/// made, so an address found here is that very text, unchanged; the PEM paths are not kept
/// (a payload holds the files' text in their place, their own strings freed).
pub type Kept<'py> = Vec<(usize, usize, Bound<'py, PyString>)>;

/// What one attribute holds.
enum Kind {
    /// A value as it is.
    Plain,
    /// A flag the shape carries only when set (azureml-core's objects hold `False` by default).
    Flag,
    /// A PEM file's path: its text when the caller reads files.
    File,
    /// Another configuration object (`ssl_configuration`), read with its own table.
    Object(Py<AttrTable>),
}

struct Row {
    attr: Py<PyString>,
    path: Vec<String>,
    field: Field,
    kind: Kind,
}

/// `AttrTable(rows, flags, files)`: where each attribute of a configuration object goes in the
/// core's shape. `rows` are `(attribute, path)` pairs, or `(attribute, path, AttrTable)` for a
/// nested object; `flags` and `files` name the attributes that are flags and PEM file paths.
#[pyclass(frozen, module = "akscompute._native")]
pub struct AttrTable {
    rows: Vec<Row>,
    /// Each row's position by the address of its (interned, held) attribute name.
    by_name: fnv::FnvHashMap<usize, usize>,
    /// The class whose objects keep every attribute of the table in their instance dict
    /// (akscompute's own, made by its `Maker`), read there rather than through the class.
    owner: PyOnceLock<Py<PyType>>,
}

#[pymethods]
impl AttrTable {
    #[new]
    fn new(rows: &Bound<'_, PyAny>, flags: Vec<String>, files: Vec<String>) -> PyResult<Self> {
        let mut out = Vec::new();
        for row in rows.try_iter()? {
            let row = row?;
            let row = row.cast::<PyTuple>().map_err(|_| PyValueError::new_err("an AttrTable row is a tuple"))?;
            let attr: String = row.get_item(0)?.extract()?;
            let path: Vec<String> = row.get_item(1)?.extract()?;
            if path.is_empty() {
                return Err(PyValueError::new_err(format!("the row of {attr:?} has an empty path")));
            }
            let kind = if row.len() > 2 {
                Kind::Object(row.get_item(2)?.extract::<Py<AttrTable>>()?)
            } else if flags.contains(&attr) {
                Kind::Flag
            } else if files.contains(&attr) {
                Kind::File
            } else {
                Kind::Plain
            };
            // Interned, as the attribute names of Python code and of the classes' `Maker` are: an
            // instance dict's key is then this very object, found by identity (see `gather`).
            out.push(Row { attr: PyString::intern(rows.py(), &attr).unbind(), field: Field::of(&path), path, kind });
        }
        if out.len() > MAX_ROWS {
            return Err(PyValueError::new_err(format!("an attribute table has at most {MAX_ROWS} rows, not {}", out.len())));
        }
        let by_name = out.iter().enumerate().map(|(i, r)| (r.attr.as_ptr() as usize, i)).collect();
        Ok(AttrTable { rows: out, by_name, owner: PyOnceLock::new() })
    }
}

impl AttrTable {
    /// The configuration of `obj`, read with the core's reader. When every attribute holds the
    /// plain type of its field (text, whole number, flag), the values go straight into the
    /// struct: the core's reader would take them as they are, so the JSON shape it reads is not
    /// built. Any other value (a float, a list, a wrong type) takes the core's reader, which
    /// says what is wrong with it or how it reads it.
    ///
    /// `kept`, when given, gets each text the struct holds (but the PEM files') with the Python
    /// string it came from: see [`Kept`].
    pub fn config<'py, T: Typed>(
        &self,
        obj: &Bound<'py, PyAny>,
        read_pem: Option<&Bound<'py, PyAny>>,
        from_value: fn(&Value) -> Result<T, ConfigError>,
        kept: Option<&mut Kept<'py>>,
    ) -> PyResult<Result<T, ConfigError>> {
        self.with_source(obj, |src| self.config_from(src, read_pem, from_value, kept))
    }

    /// `f` of where `obj`'s attributes are best read: its instance dict when it is an object of
    /// the table's owner, otherwise through `getattr`.
    pub fn with_source<'py, R>(&self, obj: &Bound<'py, PyAny>, f: impl FnOnce(Source<'_, 'py>) -> PyResult<R>) -> PyResult<R> {
        let py = obj.py();
        if let Some(owner) = self.owner.get(py) {
            if obj.get_type().is(owner.bind(py)) {
                if let Ok(d) = obj.getattr(intern!(py, "__dict__"))?.cast_into::<PyDict>() {
                    return f(Source::Dict(obj, &d));
                }
            }
        }
        f(Source::Attrs(obj))
    }

    /// The attribute of each row, in order.
    pub fn attrs(&self) -> impl Iterator<Item = &Py<PyString>> {
        self.rows.iter().map(|r| &r.attr)
    }

    /// Says that the objects of exactly `cls` keep the table's attributes in their instance
    /// dict (the class's `Maker` puts them there). The first class named stays the owner.
    pub fn own(&self, cls: &Bound<'_, PyType>) {
        let _ = self.owner.get_or_init(cls.py(), || cls.clone().unbind());
    }

    /// [`AttrTable::config`] of the attributes in `src`.
    pub fn config_from<'py, T: Typed>(
        &self,
        src: Source<'_, 'py>,
        read_pem: Option<&Bound<'py, PyAny>>,
        from_value: fn(&Value) -> Result<T, ConfigError>,
        mut kept: Option<&mut Kept<'py>>,
    ) -> PyResult<Result<T, ConfigError>> {
        let mut out = T::default();
        if self.typed(src, read_pem, kept.as_deref_mut(), &mut out)? {
            return Ok(Ok(out));
        }
        // The texts kept were the dropped struct's: none of them is the core reader's.
        if let Some(k) = kept {
            k.clear();
        }
        Ok(from_value(&Value::Object(self.read(src.object(), read_pem)?)))
    }

    /// The object read straight into `out`, every field of the table set or unset (so that
    /// `out` may hold a previous object's values: its texts' buffers are reused); `false` when
    /// a value is not of its field's plain type (`out` is then partly written).
    pub fn typed<'py, T: Typed>(
        &self,
        src: Source<'_, 'py>,
        read_pem: Option<&Bound<'py, PyAny>>,
        kept: Option<&mut Kept<'py>>,
        out: &mut T,
    ) -> PyResult<bool> {
        if let Source::Values(_, values) = src {
            return self.typed_values(values, read_pem, kept, out);
        }
        let mut local: [Option<Bound<'py, PyAny>>; MAX_ROWS] = std::array::from_fn(|_| None);
        self.gather(src, &mut local)?;
        let mut borrowed: [Option<Borrowed<'_, 'py, PyAny>>; MAX_ROWS] = [None; MAX_ROWS];
        for (b, v) in borrowed.iter_mut().zip(&local) {
            *b = v.as_ref().map(Bound::as_borrowed);
        }
        self.typed_values(&borrowed, read_pem, kept, out)
    }

    /// [`AttrTable::typed`] of one value per row (`None`: the object has no such attribute).
    fn typed_values<'py, T: Typed>(
        &self,
        values: &[Option<Borrowed<'_, 'py, PyAny>>],
        read_pem: Option<&Bound<'py, PyAny>>,
        mut kept: Option<&mut Kept<'py>>,
        out: &mut T,
    ) -> PyResult<bool> {
        for (row, v) in self.rows.iter().zip(values) {
            let Some(v) = v.filter(|v| !v.is_none()) else {
                out.unset(row.field);
                continue;
            };
            let ok = match &row.kind {
                Kind::Flag if !v.is_truthy()? => {
                    out.unset(row.field);
                    true
                }
                Kind::Flag => match out.slot(row.field) {
                    Some(Slot::Flag(o)) => {
                        *o = Some(true);
                        true
                    }
                    _ => false,
                },
                Kind::File => match read_pem {
                    Some(f) => put(out.slot(row.field), f.call1((v,))?.as_borrowed(), None),
                    None => put(out.slot(row.field), v, None),
                },
                Kind::Plain => put(out.slot(row.field), v, kept.as_deref_mut()),
                Kind::Object(t) => match out.slot(row.field) {
                    Some(Slot::Ssl(o)) => {
                        t.get().typed(Source::Attrs(&v.to_owned()), None, None, o.get_or_insert_with(Default::default))?
                    }
                    _ => false,
                },
            };
            if !ok {
                return Ok(false);
            }
        }
        out.tidy();
        Ok(true)
    }

    /// Each row's value from `src` into `out` (`None`: the object has no such attribute).
    ///
    /// An instance dict is walked once, its keys matched to the rows by identity (interned
    /// names), rather than looked up row by row: a rows' worth of hash lookups saved on every
    /// payload. A row whose key is not found so (deleted, or a key that is an equal but other
    /// string) is looked up as before: in the dict by equality, then through the class.
    fn gather<'py>(&self, src: Source<'_, 'py>, out: &mut [Option<Bound<'py, PyAny>>]) -> PyResult<()> {
        if let Source::Dict(_, d) = src {
            for (k, v) in d.iter() {
                if let Some(&i) = self.by_name.get(&(k.as_ptr() as usize)) {
                    if let Some(slot) = out.get_mut(i) {
                        *slot = Some(v);
                    }
                }
            }
        }
        for (i, (row, slot)) in self.rows.iter().zip(out.iter_mut()).enumerate() {
            if slot.is_none() {
                *slot = src.get(i, &row.attr)?;
            }
        }
        Ok(())
    }

    /// The shape of `obj`; `read_pem(path)` gives a file's text in place of its path, when given.
    /// A value the shape cannot hold is a `ConfigurationError` naming its field, as for a dict.
    pub fn read(&self, obj: &Bound<'_, PyAny>, read_pem: Option<&Bound<'_, PyAny>>) -> PyResult<Map<String, Value>> {
        let py = obj.py();
        let mut out = Map::new();
        for row in &self.rows {
            // getattr(obj, attr, None): a missing attribute is an unset field, any other error is the object's.
            let Some(v) = obj.getattr_opt(row.attr.bind(py))? else { continue };
            if v.is_none() {
                continue;
            }
            let value = match &row.kind {
                Kind::Flag if !v.is_truthy()? => continue,
                Kind::Flag => Value::Bool(true),
                Kind::File => match read_pem {
                    Some(f) => from_py_at(&f.call1((v,))?, "config", &row.path)?,
                    None => from_py_at(&v, "config", &row.path)?,
                },
                Kind::Plain => from_py_at(&v, "config", &row.path)?,
                Kind::Object(t) => Value::Object(t.get().read(&v, None)?),
            };
            let Some((last, parents)) = row.path.split_last() else { continue };
            let mut at = &mut out;
            for key in parents {
                let Some(m) = at.entry(key.clone()).or_insert_with(|| Value::Object(Map::new())).as_object_mut() else {
                    return Err(PyValueError::new_err(format!("two rows of the attribute table write {key:?}")));
                };
                at = m;
            }
            at.insert(last.clone(), value);
        }
        Ok(out)
    }
}

/// Where the attributes of a configuration object are read.
#[derive(Clone, Copy)]
pub enum Source<'a, 'py> {
    /// `getattr(obj, name, None)`: any object, azureml-core's too.
    Attrs(&'a Bound<'py, PyAny>),
    /// The instance dict of an object of one of akscompute's own classes, which holds every
    /// attribute its table names (`Maker` put them there): the same values, without the
    /// attribute lookup through the class.
    Dict(&'a Bound<'py, PyAny>, &'a Bound<'py, PyDict>),
    /// The values a constructor was just given, one per row of the table (`None`: the object
    /// has no such attribute), so that nothing is looked up at all.
    Values(&'a Bound<'py, PyAny>, &'a [Option<Borrowed<'a, 'py, PyAny>>]),
}

impl<'py> Source<'_, 'py> {
    pub fn object(&self) -> &Bound<'py, PyAny> {
        match self {
            Source::Attrs(o) | Source::Dict(o, _) | Source::Values(o, _) => o,
        }
    }

    /// The attribute's value; `None` when there is none (a missing attribute is an unset field;
    /// any other error is the object's).
    fn get(&self, row: usize, attr: &Py<PyString>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self {
            // A missing attribute's AttributeError is cleared where it is raised, never made into
            // an exception object (nor a PyErr): a few hundred instructions, where fetching and
            // matching it cost about a microsecond per attribute, some 15 µs for an object with
            // none of them.
            Source::Attrs(obj) => obj.getattr_opt(attr.bind(obj.py())),
            // Deleted from the dict: whatever the class says, as getattr would.
            Source::Dict(obj, d) => match d.get_item(attr.bind(d.py()))? {
                Some(v) => Ok(Some(v)),
                None => Source::Attrs(obj).get(row, attr),
            },
            Source::Values(_, values) => Ok(values.get(row).copied().flatten().map(Borrowed::to_owned)),
        }
    }
}

/// Where a field's value goes in a configuration: its slot, of the plain type it holds.
pub enum Slot<'a> {
    /// Text (from a Python `str`).
    Text(&'a mut Option<String>),
    /// Secret text (a PEM certificate or key).
    Secret(&'a mut Option<Secret>),
    /// A whole number that fits in 64 bits (a Python `int`, not a `bool`).
    Int(&'a mut Option<i64>),
    /// A flag (a Python `bool`).
    Flag(&'a mut Option<bool>),
    /// The TLS settings of an update, read from their own object with their own table.
    Ssl(&'a mut Option<SslConfig>),
}

/// `v` into `slot` when it is of the slot's plain type (`false` otherwise, or for no slot: the
/// core's reader then decides). A text goes into the buffer the slot holds already, if any.
/// `kept` gets a text with the Python string it came from (see [`Kept`]).
fn put<'py>(slot: Option<Slot<'_>>, v: Borrowed<'_, 'py, PyAny>, kept: Option<&mut Kept<'py>>) -> bool {
    let Some(slot) = slot else { return false };
    if let Ok(s) = v.cast::<PyString>() {
        // A lone surrogate is not text for the core: the slow path says so.
        let Some(t) = crate::capi::utf8(&s) else { return false };
        let (at, len) = match slot {
            Slot::Text(o) => {
                let held = match o {
                    Some(held) => {
                        held.clear();
                        held.push_str(t.as_ref());
                        held
                    }
                    None => o.insert(t.to_string()),
                };
                (held.as_ptr() as usize, held.len())
            }
            Slot::Secret(o) => {
                let text = t.to_string();
                let at = (text.as_ptr() as usize, text.len());
                *o = Some(Secret::new(text));
                at
            }
            _ => return false,
        };
        if let Some(k) = kept {
            k.push((at, len, s.to_owned()));
        }
        return true;
    }
    if let Ok(b) = v.cast::<PyBool>() {
        let Slot::Flag(o) = slot else { return false };
        *o = Some(b.is_true());
        return true;
    }
    if v.is_instance_of::<PyInt>() {
        let (Slot::Int(o), Ok(i)) = (slot, v.extract::<i64>()) else { return false };
        *o = Some(i);
        return true;
    }
    false
}

/// A configuration the attribute reader fills field by field.
pub trait Typed: Default {
    /// The slot of `field`, its group (`vnet`, `ssl`) made if absent; `None` when this
    /// configuration has no such field, so that the core's reader reads the whole object instead.
    fn slot(&mut self, field: Field) -> Option<Slot<'_>>;

    /// `field` unset (nothing made for it).
    fn unset(&mut self, field: Field);

    /// A group with nothing set in it (`vnet`, `ssl`) unset as a whole, as the core's reader
    /// leaves a group that was not given: called once every field has been set or unset.
    fn tidy(&mut self) {}

    /// The secrets (TLS certificate and key) dropped, for a configuration kept between calls.
    fn scrub(&mut self) {}

    /// True when the configuration holds a TLS certificate (whose dates the rules check
    /// against the context's time).
    fn has_certificate(&self) -> bool {
        false
    }
}

/// A field of the core's configuration shapes, as a row's path names it: resolved once, when
/// the table is made, rather than by comparing the path's keys on every call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `agent_count`.
    AgentCount,
    /// `vm_size`.
    VmSize,
    /// `cluster_purpose`.
    ClusterPurpose,
    /// `location`.
    Location,
    /// `load_balancer_type`.
    LoadBalancerType,
    /// `load_balancer_subnet`.
    LoadBalancerSubnet,
    /// `resource_id`.
    ResourceId,
    /// `resource_group`.
    ResourceGroup,
    /// `cluster_name`.
    ClusterName,
    /// A key of `vnet`.
    Vnet(VnetField),
    /// A key of `ssl`.
    Ssl(SslField),
    /// `ssl` as a whole (an update's `SslConfiguration` object).
    SslObject,
    /// A key of the TLS settings themselves (the rows of `SslConfiguration`'s table).
    Tls(SslField),
    /// Any other path: the core's reader reads the object.
    Other,
}

/// A key of the virtual network settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VnetField {
    /// `name`.
    Name,
    /// `resource_group`.
    ResourceGroup,
    /// `subnet`.
    Subnet,
    /// `service_cidr`.
    ServiceCidr,
    /// `dns_service_ip`.
    DnsServiceIp,
    /// `docker_bridge_cidr`.
    DockerBridgeCidr,
}

/// A key of the TLS settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslField {
    /// `cname`.
    Cname,
    /// `cert`.
    Cert,
    /// `key`.
    Key,
    /// `leaf_domain_label`.
    LeafDomainLabel,
    /// `overwrite_existing_domain`.
    OverwriteExistingDomain,
    /// `status` (updates only).
    Status,
    /// `renew` (updates only).
    Renew,
}

impl SslField {
    fn of(key: &str) -> Option<SslField> {
        Some(match key {
            "cname" => SslField::Cname,
            "cert" => SslField::Cert,
            "key" => SslField::Key,
            "leaf_domain_label" => SslField::LeafDomainLabel,
            "overwrite_existing_domain" => SslField::OverwriteExistingDomain,
            "status" => SslField::Status,
            "renew" => SslField::Renew,
            _ => return None,
        })
    }
}

impl Field {
    /// The field a row's path names.
    pub fn of(path: &[String]) -> Field {
        let one = |key: &str| match key {
            "agent_count" => Field::AgentCount,
            "vm_size" => Field::VmSize,
            "cluster_purpose" => Field::ClusterPurpose,
            "location" => Field::Location,
            "load_balancer_type" => Field::LoadBalancerType,
            "load_balancer_subnet" => Field::LoadBalancerSubnet,
            "resource_id" => Field::ResourceId,
            "resource_group" => Field::ResourceGroup,
            "cluster_name" => Field::ClusterName,
            "ssl" => Field::SslObject,
            other => SslField::of(other).map_or(Field::Other, Field::Tls),
        };
        match path {
            [a] => one(a),
            [a, b] if a == "ssl" => SslField::of(b).map_or(Field::Other, Field::Ssl),
            [a, b] if a == "vnet" => match b.as_str() {
                "name" => Field::Vnet(VnetField::Name),
                "resource_group" => Field::Vnet(VnetField::ResourceGroup),
                "subnet" => Field::Vnet(VnetField::Subnet),
                "service_cidr" => Field::Vnet(VnetField::ServiceCidr),
                "dns_service_ip" => Field::Vnet(VnetField::DnsServiceIp),
                "docker_bridge_cidr" => Field::Vnet(VnetField::DockerBridgeCidr),
                _ => Field::Other,
            },
            _ => Field::Other,
        }
    }
}

/// The slot of a TLS field of a create or an attach (`update`: also `status` and `renew`).
fn ssl_slot(ssl: &mut SslConfig, key: SslField, update: bool) -> Option<Slot<'_>> {
    Some(match key {
        SslField::Cname => Slot::Text(&mut ssl.cname),
        SslField::Cert => Slot::Secret(&mut ssl.cert),
        SslField::Key => Slot::Secret(&mut ssl.key),
        SslField::LeafDomainLabel => Slot::Text(&mut ssl.leaf_domain_label),
        SslField::OverwriteExistingDomain => Slot::Flag(&mut ssl.overwrite_existing_domain),
        SslField::Status if update => Slot::Text(&mut ssl.status),
        SslField::Renew if update => Slot::Flag(&mut ssl.renew),
        _ => return None,
    })
}

/// A slot unset: its value dropped.
fn clear(slot: Option<Slot<'_>>) {
    match slot {
        Some(Slot::Text(o)) => *o = None,
        Some(Slot::Secret(o)) => *o = None,
        Some(Slot::Int(o)) => *o = None,
        Some(Slot::Flag(o)) => *o = None,
        Some(Slot::Ssl(o)) => *o = None,
        None => {}
    }
}

/// A TLS group with nothing set in it, unset.
fn tidy_ssl(ssl: &mut Option<SslConfig>) {
    if ssl.as_ref().is_some_and(|s| *s == SslConfig::default()) {
        *ssl = None;
    }
}

fn scrub_ssl(ssl: &mut Option<SslConfig>) {
    if let Some(s) = ssl {
        (s.cert, s.key) = (None, None);
    }
}

/// The slot of a key of the virtual network settings.
fn vnet_slot(vnet: &mut VnetConfig, key: VnetField) -> Slot<'_> {
    Slot::Text(match key {
        VnetField::Name => &mut vnet.name,
        VnetField::ResourceGroup => &mut vnet.resource_group,
        VnetField::Subnet => &mut vnet.subnet,
        VnetField::ServiceCidr => &mut vnet.service_cidr,
        VnetField::DnsServiceIp => &mut vnet.dns_service_ip,
        VnetField::DockerBridgeCidr => &mut vnet.docker_bridge_cidr,
    })
}

impl Typed for CreateConfig {
    fn slot(&mut self, field: Field) -> Option<Slot<'_>> {
        Some(match field {
            Field::AgentCount => Slot::Int(&mut self.agent_count),
            Field::VmSize => Slot::Text(&mut self.vm_size),
            Field::ClusterPurpose => Slot::Text(&mut self.cluster_purpose),
            Field::Location => Slot::Text(&mut self.location),
            Field::LoadBalancerType => Slot::Text(&mut self.load_balancer_type),
            Field::LoadBalancerSubnet => Slot::Text(&mut self.load_balancer_subnet),
            Field::Vnet(key) => vnet_slot(self.vnet.get_or_insert_with(Default::default), key),
            Field::Ssl(key) => return ssl_slot(self.ssl.get_or_insert_with(Default::default), key, false),
            _ => return None,
        })
    }

    fn unset(&mut self, field: Field) {
        match field {
            Field::Vnet(key) => {
                if let Some(vnet) = self.vnet.as_mut() {
                    clear(Some(vnet_slot(vnet, key)));
                }
            }
            Field::Ssl(key) => clear(self.ssl.as_mut().and_then(|s| ssl_slot(s, key, false))),
            other => clear(self.slot(other)),
        }
    }

    fn tidy(&mut self) {
        if self.vnet.as_ref().is_some_and(|v| *v == VnetConfig::default()) {
            self.vnet = None;
        }
        tidy_ssl(&mut self.ssl);
    }

    fn scrub(&mut self) {
        scrub_ssl(&mut self.ssl);
    }

    fn has_certificate(&self) -> bool {
        self.ssl.as_ref().is_some_and(|s| s.cert.is_some())
    }
}

impl Typed for AttachConfig {
    fn slot(&mut self, field: Field) -> Option<Slot<'_>> {
        Some(match field {
            Field::ResourceId => Slot::Text(&mut self.resource_id),
            Field::ResourceGroup => Slot::Text(&mut self.resource_group),
            Field::ClusterName => Slot::Text(&mut self.cluster_name),
            Field::ClusterPurpose => Slot::Text(&mut self.cluster_purpose),
            Field::LoadBalancerType => Slot::Text(&mut self.load_balancer_type),
            Field::LoadBalancerSubnet => Slot::Text(&mut self.load_balancer_subnet),
            Field::Ssl(key) => return ssl_slot(self.ssl.get_or_insert_with(Default::default), key, false),
            _ => return None,
        })
    }

    fn unset(&mut self, field: Field) {
        match field {
            Field::Ssl(key) => clear(self.ssl.as_mut().and_then(|s| ssl_slot(s, key, false))),
            other => clear(self.slot(other)),
        }
    }

    fn tidy(&mut self) {
        tidy_ssl(&mut self.ssl);
    }

    fn scrub(&mut self) {
        scrub_ssl(&mut self.ssl);
    }

    fn has_certificate(&self) -> bool {
        self.ssl.as_ref().is_some_and(|s| s.cert.is_some())
    }
}

impl Typed for UpdateConfig {
    fn slot(&mut self, field: Field) -> Option<Slot<'_>> {
        Some(match field {
            Field::LoadBalancerType => Slot::Text(&mut self.load_balancer_type),
            Field::LoadBalancerSubnet => Slot::Text(&mut self.load_balancer_subnet),
            Field::SslObject => Slot::Ssl(&mut self.ssl),
            _ => return None,
        })
    }

    fn unset(&mut self, field: Field) {
        clear(self.slot(field));
    }

    fn scrub(&mut self) {
        scrub_ssl(&mut self.ssl);
    }

    fn has_certificate(&self) -> bool {
        self.ssl.as_ref().is_some_and(|s| s.cert.is_some())
    }
}

/// The `SslConfiguration` object of an update, read with its own table.
impl Typed for SslConfig {
    fn slot(&mut self, field: Field) -> Option<Slot<'_>> {
        match field {
            Field::Tls(key) => ssl_slot(self, key, true),
            _ => None,
        }
    }

    fn unset(&mut self, field: Field) {
        clear(self.slot(field));
    }
}
