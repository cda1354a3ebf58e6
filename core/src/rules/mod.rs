//! The rules, one module per family. Each rule asks the registry whether the profile has it
//! and at what severity, so profile membership is data and the logic is written once.
mod attach;
mod capacity;
mod names;
mod network;
mod ops;
mod purpose;
mod retired;
mod tls;
mod version;

pub(crate) use tls::declared_status;

use crate::config::{AttachConfig, CreateConfig, DetachConfig, UpdateConfig};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, Param, Params, Path, Severity, Validation};
use crate::profile::Profile;
use crate::registry::{Code, Locale};

/// Which request is being checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Create,
    Attach,
    Update,
}

/// Collects diagnostics for one validation.
pub(crate) struct Sink<'c> {
    pub profile: Profile,
    pub ctx: &'c Context,
    locale: Locale,
    /// The least severe diagnostic kept: those below it are dropped as they are reported.
    floor: Severity,
    out: Vec<Diagnostic>,
}

impl<'c> Sink<'c> {
    fn new(ctx: &'c Context) -> Self {
        Self::at_least(ctx, Severity::Info)
    }

    fn at_least(ctx: &'c Context, floor: Severity) -> Self {
        // With infos kept, every create reports a handful (OPS003 and LB006 always): room for
        // them without growing. Without, a clean configuration reports nothing: no allocation.
        let out = if floor == Severity::Info { Vec::with_capacity(8) } else { Vec::new() };
        Sink { profile: ctx.profile, ctx, locale: Locale::resolve(ctx.locale.as_deref(), ctx.profile), floor, out }
    }

    /// True when a diagnostic of `severity` is kept: a rule whose every finding would be
    /// below the floor need not look.
    pub fn keeps(&self, severity: Severity) -> bool {
        severity <= self.floor
    }

    /// True when the profile has the rule.
    pub fn on(&self, code: Code) -> bool {
        code.info().severity(self.profile).is_some()
    }

    pub fn sdk(&self) -> bool {
        self.profile == Profile::Sdk
    }

    /// Reports `code` at its registry severity for this profile (nothing if the profile lacks it).
    /// `variant` selects a message (`ATT001.rg_with_id`); empty for the code's own message.
    // Called from every rule: one copy, not one inlined per call site (the module's size).
    #[inline(never)]
    pub fn emit(&mut self, code: Code, variant: &'static str, path: Path, params: Vec<(&'static str, Param)>) {
        if let Some(sev) = code.info().severity(self.profile) {
            self.emit_as(code, sev, variant, path, params);
        }
    }

    /// Reports `code`, a finding about the whole operation that every such configuration has
    /// (no field, no values), when the floor keeps it: a caller that keeps warnings only (the
    /// Python binding) then neither calls [`emit`](Self::emit) nor makes a diagnostic on a clean
    /// configuration (callgrind: some 150 instructions of a create).
    pub fn always(&mut self, code: Code) {
        if self.wants(code) {
            self.emit(code, "", Path::root(), vec![]);
        }
    }

    /// True when the profile has the rule at a severity the floor keeps.
    pub fn wants(&self, code: Code) -> bool {
        code.info().severity(self.profile).is_some_and(|sev| self.keeps(sev))
    }

    /// Reports with an explicit severity (rules whose severity depends on the case).
    #[inline(never)]
    pub fn emit_as(&mut self, code: Code, severity: Severity, variant: &'static str, path: Path, mut params: Vec<(&'static str, Param)>) {
        if !self.on(code) || !self.keeps(severity) {
            return;
        }
        redact_pem(&mut params);
        self.out.push(Diagnostic::new(code.as_str(), severity, path, Params(params), self.locale, variant));
    }

    fn finish(self) -> Validation {
        Validation::new(self.out)
    }
}

/// What a diagnostic shows for a value that holds a PEM block, in every language.
pub(crate) const PEM_SHOWN: &str = "<PEM>";

/// A value that holds a PEM block (a private key pasted into a text field, a key given where a
/// name goes) is never quoted, not even clipped: its header says what it is and its last
/// characters are bits of the key. Outside input only: fixed texts are borrowed.
fn redact_pem(params: &mut [(&'static str, Param)]) {
    const MARK: &str = "-----BEGIN";
    for (_, p) in params.iter_mut() {
        match p {
            Param::Str(std::borrow::Cow::Owned(s)) if s.contains(MARK) => *p = Param::text(PEM_SHOWN),
            Param::List(items) => {
                for item in items.iter_mut().filter(|i| i.contains(MARK)) {
                    *item = PEM_SHOWN.to_string();
                }
            }
            _ => {}
        }
    }
}

/// A value shown in a message: clipped so that absurd input stays small.
pub(crate) fn shown(s: &str) -> Param {
    Param::from(crate::text::clip(s, 80))
}

pub(crate) use crate::text::nonblank as nonempty;

/// Checks a create configuration.
pub fn validate_create(cfg: &CreateConfig, ctx: &Context) -> Validation {
    validate_create_at_least(cfg, ctx, Severity::Info)
}

/// [`validate_create`]'s diagnostics of `floor` or worse (`Severity::Warning`: errors and
/// warnings), the others not made at all: for a caller that acts on those only and
/// computes the rest when they are asked for.
pub fn validate_create_at_least(cfg: &CreateConfig, ctx: &Context, floor: Severity) -> Validation {
    let mut s = Sink::at_least(ctx, floor);
    if s.sdk() {
        // azureml-core's order: the configuration object, then ComputeTarget.create.
        capacity::agent_count(&mut s, cfg.agent_count, false);
        tls::settings(&mut s, cfg.ssl.as_ref(), None);
        network::vnet(&mut s, cfg.vnet.as_ref());
        names::reserved(&mut s, nonempty(&cfg.name), Op::Create);
        return s.finish();
    }
    names::check(&mut s, cfg.name.as_deref(), Op::Create);
    names::api_pattern(&mut s, cfg.name.as_deref());
    purpose::check(&mut s, cfg.cluster_purpose.as_deref());
    // The size is looked up once, for the CAP rules and CAP010.
    let size_name = nonempty(&cfg.vm_size).unwrap_or(capacity::DEFAULT_VM_SIZE);
    let (size, retired) = crate::vmsize::resolve_unnamed_and_retired(size_name, &ctx.vm_sizes);
    capacity::create(&mut s, cfg, size_name, size);
    retired::create(&mut s, size_name, retired);
    version::create(&mut s, nonempty(&cfg.kubernetes_version), nonempty(&cfg.location));
    network::vnet(&mut s, cfg.vnet.as_ref());
    network::load_balancer(&mut s, cfg.load_balancer_type.as_deref(), cfg.load_balancer_subnet.as_deref(), Op::Create);
    network::create_only(&mut s, cfg);
    let tls = tls::settings(&mut s, cfg.ssl.as_ref(), cfg.load_balancer_type.as_deref());
    tls::leaf_label(&mut s, cfg.ssl.as_ref(), cfg.location.as_deref());
    tls::dns_record(&mut s, cfg.ssl.as_ref(), tls);
    attach::create_private(&mut s, cfg.private_cluster);
    ops::create(&mut s, cfg.name.as_deref());
    s.finish()
}

/// Checks an attach configuration (and, given the cluster in the context, the cluster itself).
pub fn validate_attach(cfg: &AttachConfig, ctx: &Context) -> Validation {
    validate_attach_at_least(cfg, ctx, Severity::Info)
}

/// [`validate_attach`]'s diagnostics of `floor` or worse, as [`validate_create_at_least`].
pub fn validate_attach_at_least(cfg: &AttachConfig, ctx: &Context, floor: Severity) -> Validation {
    let mut s = Sink::at_least(ctx, floor);
    if s.sdk() {
        attach::target(&mut s, cfg);
        tls::settings(&mut s, cfg.ssl.as_ref(), None);
        network::load_balancer(&mut s, cfg.load_balancer_type.as_deref(), cfg.load_balancer_subnet.as_deref(), Op::Attach);
        return s.finish();
    }
    names::check(&mut s, cfg.name.as_deref(), Op::Attach);
    names::api_pattern(&mut s, cfg.name.as_deref());
    purpose::check(&mut s, cfg.cluster_purpose.as_deref());
    let id = attach::target(&mut s, cfg);
    attach::cluster(&mut s, cfg, id);
    capacity::attach(&mut s, cfg.cluster_purpose.as_deref());
    version::attach(&mut s);
    network::load_balancer(&mut s, cfg.load_balancer_type.as_deref(), cfg.load_balancer_subnet.as_deref(), Op::Attach);
    network::authorized_ranges(&mut s);
    let tls = tls::settings(&mut s, cfg.ssl.as_ref(), cfg.load_balancer_type.as_deref());
    tls::leaf_label(&mut s, cfg.ssl.as_ref(), ctx.cluster.as_ref().and_then(|c| c.location.as_deref()));
    tls::reattach(&mut s, cfg.ssl.as_ref());
    tls::dns_record(&mut s, cfg.ssl.as_ref(), tls);
    ops::attach(&mut s);
    s.finish()
}

/// Checks an update configuration against the compute as it is now (context `compute`).
pub fn validate_update(cfg: &UpdateConfig, ctx: &Context) -> Validation {
    validate_update_at_least(cfg, ctx, Severity::Info)
}

/// [`validate_update`]'s diagnostics of `floor` or worse, as [`validate_create_at_least`].
pub fn validate_update_at_least(cfg: &UpdateConfig, ctx: &Context, floor: Severity) -> Validation {
    let mut s = Sink::at_least(ctx, floor);
    if s.sdk() {
        tls::settings(&mut s, cfg.ssl.as_ref(), None);
        network::load_balancer(&mut s, cfg.load_balancer_type.as_deref(), cfg.load_balancer_subnet.as_deref(), Op::Update);
        tls::renew(&mut s, cfg.ssl.as_ref());
        return s.finish();
    }
    capacity::agent_count(&mut s, cfg.agent_count, false);
    capacity::update_vm_size(&mut s, nonempty(&cfg.vm_size));
    let lb = cfg.load_balancer_type.clone().or_else(|| ctx.compute.as_ref().and_then(|c| c.load_balancer_type.clone()));
    network::load_balancer(&mut s, cfg.load_balancer_type.as_deref(), cfg.load_balancer_subnet.as_deref(), Op::Update);
    tls::settings(&mut s, cfg.ssl.as_ref(), lb.as_deref());
    tls::update_internal(&mut s, cfg.ssl.as_ref(), cfg.load_balancer_type.as_deref());
    tls::leaf_label(&mut s, cfg.ssl.as_ref(), ctx.workspace.as_ref().and_then(|w| w.location.as_deref()));
    tls::renew(&mut s, cfg.ssl.as_ref());
    tls::status(&mut s, cfg.ssl.as_ref());
    ops::update(&mut s);
    s.finish()
}

/// The NAME rules a compute name must pass before a request puts it in a URL (NAME001-NAME004),
/// whatever the operation; under `sdk`, which reports none of them, the default profile's.
pub(crate) fn check_compute_name(name: &str, ctx: &Context) -> Validation {
    let mut s = Sink::new(ctx);
    if s.sdk() {
        s.profile = Profile::default();
    }
    names::form(&mut s, name);
    s.finish()
}

/// Checks a detach or delete: what it does and does not remove.
pub fn validate_detach(cfg: &DetachConfig, ctx: &Context) -> Validation {
    let mut s = Sink::new(ctx);
    if !s.sdk() {
        names::required(&mut s, cfg.name.as_deref());
        ops::detach(&mut s, cfg.action);
        tls::before_detach(&mut s);
    }
    s.finish()
}
