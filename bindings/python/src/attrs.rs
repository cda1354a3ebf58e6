//! Configuration objects (akscompute's or azureml-core's: they have the same attributes) read
//! attribute by attribute into the core's configuration shape, in one native call.
//!
//! Which attribute goes where is the Python package's table (`akscompute._fields`, azureml-core's
//! attribute names beside the core's shape): it is handed over once, as an [`AttrTable`], and
//! read here on every call, so a `provisioning_configuration()` builds no dict, no JSON text and
//! no second copy of its values before the core's reader sees them.
//!
//! Where each shape path goes in the core's structs ([`Field`], [`Typed`]) is spelled out here
//! rather than left to the core's shape reader, the one definition: handed the attributes as a
//! JSON value, that reader took 6.1k instructions a `provisioning_configuration()` and dropping
//! the value 2.9k more, where these setters take 2.7k in all, attributes read included
//! (callgrind; the call is 13.4k in total). The generated `_shapes.py` and the test that holds
//! `akscompute._fields` to it keep the paths the core's.
use crate::convert::from_py_at;
use akscompute::{AttachConfig, ConfigError, CreateConfig, Secret, SslConfig, UpdateConfig};
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
        let py = obj.py();
        if let Some(owner) = self.owner.get(py) {
            if obj.get_type().is(owner.bind(py)) {
                if let Ok(d) = obj.getattr(intern!(py, "__dict__"))?.cast_into::<PyDict>() {
                    return self.config_from(Source::Dict(obj, &d), read_pem, from_value, kept);
                }
            }
        }
        self.config_from(Source::Attrs(obj), read_pem, from_value, kept)
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
        if let Some(cfg) = self.typed(src, read_pem, kept.as_deref_mut())? {
            return Ok(Ok(cfg));
        }
        // The texts kept were the dropped struct's: none of them is the core reader's.
        if let Some(k) = kept {
            k.clear();
        }
        Ok(from_value(&Value::Object(self.read(src.object(), read_pem)?)))
    }

    /// The object read straight into `T`; `None` when a value is not of its field's plain type.
    fn typed<'py, T: Typed>(
        &self,
        src: Source<'_, 'py>,
        read_pem: Option<&Bound<'py, PyAny>>,
        kept: Option<&mut Kept<'py>>,
    ) -> PyResult<Option<T>> {
        if let Source::Values(_, values) = src {
            return self.typed_values(values, read_pem, kept);
        }
        let mut local: [Option<Bound<'py, PyAny>>; MAX_ROWS] = std::array::from_fn(|_| None);
        self.gather(src, &mut local)?;
        let mut borrowed: [Option<Borrowed<'_, 'py, PyAny>>; MAX_ROWS] = [None; MAX_ROWS];
        for (b, v) in borrowed.iter_mut().zip(&local) {
            *b = v.as_ref().map(Bound::as_borrowed);
        }
        self.typed_values(&borrowed, read_pem, kept)
    }

    /// [`AttrTable::typed`] of one value per row (`None`: the object has no such attribute).
    fn typed_values<'py, T: Typed>(
        &self,
        values: &[Option<Borrowed<'_, 'py, PyAny>>],
        read_pem: Option<&Bound<'py, PyAny>>,
        mut kept: Option<&mut Kept<'py>>,
    ) -> PyResult<Option<T>> {
        let mut out = T::default();
        for (row, v) in self.rows.iter().zip(values) {
            let Some(v) = v else { continue };
            if v.is_none() {
                continue;
            }
            let plain = match &row.kind {
                Kind::Flag if !v.is_truthy()? => continue,
                Kind::Flag => Some(Plain::Bool(true)),
                Kind::File => match read_pem {
                    Some(f) => Plain::of(&f.call1((v,))?),
                    None => Plain::of(v),
                },
                Kind::Plain => {
                    let p = Plain::of(v);
                    if let (Some(k), Some(Plain::Text(t)), Ok(s)) = (kept.as_deref_mut(), &p, v.cast::<PyString>()) {
                        k.push((t.as_ptr() as usize, t.len(), s.to_owned()));
                    }
                    p
                }
                Kind::Object(t) => t.get().typed::<SslConfig>(Source::Attrs(v), None, None)?.map(|c| Plain::Ssl(Box::new(c))),
            };
            let Some(p) = plain else { return Ok(None) };
            if !out.put(row.field, p) {
                return Ok(None);
            }
        }
        Ok(Some(out))
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

/// A value of the plain type a configuration field holds, as the core's reader would take it.
pub enum Plain {
    /// Text (a Python `str`).
    Text(String),
    /// A whole number that fits in 64 bits (a Python `int`, not a `bool`).
    Int(i64),
    /// A flag (a Python `bool`).
    Bool(bool),
    /// The TLS settings of an update, read from their own object (boxed: every other value is
    /// a word or two, and a `Plain` is moved for each attribute).
    Ssl(Box<SslConfig>),
}

impl Plain {
    /// `None` for anything else: the core's reader then decides.
    fn of(v: &Bound<'_, PyAny>) -> Option<Plain> {
        if let Ok(s) = v.cast::<PyString>() {
            // A lone surrogate is not text for the core: the slow path says so.
            return crate::capi::utf8(s).map(|t| Plain::Text(t.into()));
        }
        if let Ok(b) = v.cast::<PyBool>() {
            return Some(Plain::Bool(b.is_true()));
        }
        if v.is_instance_of::<PyInt>() {
            return v.extract::<i64>().ok().map(Plain::Int);
        }
        None
    }
}

/// A configuration the attribute reader fills field by field.
pub trait Typed: Default {
    /// Sets `field`; `false` when this configuration has no such field of that type, so that
    /// the core's reader reads the whole object instead.
    fn put(&mut self, field: Field, v: Plain) -> bool;
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

fn text(slot: &mut Option<String>, v: Plain) -> bool {
    let Plain::Text(t) = v else { return false };
    *slot = Some(t);
    true
}

fn int(slot: &mut Option<i64>, v: Plain) -> bool {
    let Plain::Int(i) = v else { return false };
    *slot = Some(i);
    true
}

fn flag(slot: &mut Option<bool>, v: Plain) -> bool {
    let Plain::Bool(b) = v else { return false };
    *slot = Some(b);
    true
}

fn secret(slot: &mut Option<Secret>, v: Plain) -> bool {
    let Plain::Text(t) = v else { return false };
    *slot = Some(Secret::new(t));
    true
}

/// The TLS fields of a create or an attach (`update`: also `status` and `renew`).
fn put_ssl(ssl: &mut SslConfig, key: SslField, v: Plain, update: bool) -> bool {
    match key {
        SslField::Cname => text(&mut ssl.cname, v),
        SslField::Cert => secret(&mut ssl.cert, v),
        SslField::Key => secret(&mut ssl.key, v),
        SslField::LeafDomainLabel => text(&mut ssl.leaf_domain_label, v),
        SslField::OverwriteExistingDomain => flag(&mut ssl.overwrite_existing_domain, v),
        SslField::Status if update => text(&mut ssl.status, v),
        SslField::Renew if update => flag(&mut ssl.renew, v),
        _ => false,
    }
}

impl Typed for CreateConfig {
    fn put(&mut self, field: Field, v: Plain) -> bool {
        match field {
            Field::AgentCount => int(&mut self.agent_count, v),
            Field::VmSize => text(&mut self.vm_size, v),
            Field::ClusterPurpose => text(&mut self.cluster_purpose, v),
            Field::Location => text(&mut self.location, v),
            Field::LoadBalancerType => text(&mut self.load_balancer_type, v),
            Field::LoadBalancerSubnet => text(&mut self.load_balancer_subnet, v),
            Field::Vnet(key) => {
                let vnet = self.vnet.get_or_insert_with(Default::default);
                text(
                    match key {
                        VnetField::Name => &mut vnet.name,
                        VnetField::ResourceGroup => &mut vnet.resource_group,
                        VnetField::Subnet => &mut vnet.subnet,
                        VnetField::ServiceCidr => &mut vnet.service_cidr,
                        VnetField::DnsServiceIp => &mut vnet.dns_service_ip,
                        VnetField::DockerBridgeCidr => &mut vnet.docker_bridge_cidr,
                    },
                    v,
                )
            }
            Field::Ssl(key) => put_ssl(self.ssl.get_or_insert_with(Default::default), key, v, false),
            _ => false,
        }
    }
}

impl Typed for AttachConfig {
    fn put(&mut self, field: Field, v: Plain) -> bool {
        match field {
            Field::ResourceId => text(&mut self.resource_id, v),
            Field::ResourceGroup => text(&mut self.resource_group, v),
            Field::ClusterName => text(&mut self.cluster_name, v),
            Field::ClusterPurpose => text(&mut self.cluster_purpose, v),
            Field::LoadBalancerType => text(&mut self.load_balancer_type, v),
            Field::LoadBalancerSubnet => text(&mut self.load_balancer_subnet, v),
            Field::Ssl(key) => put_ssl(self.ssl.get_or_insert_with(Default::default), key, v, false),
            _ => false,
        }
    }
}

impl Typed for UpdateConfig {
    fn put(&mut self, field: Field, v: Plain) -> bool {
        match (field, v) {
            (Field::LoadBalancerType, v) => text(&mut self.load_balancer_type, v),
            (Field::LoadBalancerSubnet, v) => text(&mut self.load_balancer_subnet, v),
            (Field::SslObject, Plain::Ssl(ssl)) => {
                self.ssl = Some(*ssl);
                true
            }
            _ => false,
        }
    }
}

/// The `SslConfiguration` object of an update, read with its own table.
impl Typed for SslConfig {
    fn put(&mut self, field: Field, v: Plain) -> bool {
        match field {
            Field::Tls(key) => put_ssl(self, key, v, true),
            _ => false,
        }
    }
}
