//! Which workspace a command is about: `-g`/`-w`/`--subscription-id` when given, else the
//! context file's workspace, else a `config.json` found the way azureml-core's
//! `Workspace.from_config` finds it: in the folder (`--path`, default the current one) or a
//! parent, inside `.azureml/`, `aml_config/` or the folder itself.
use crate::chrome::say;
use crate::failure::Failure;
use akscompute::{Param, Workspace};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The workspace flags shared by every command that talks to a workspace.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct WorkspaceArgs {
    /// Resource group of the workspace.
    #[arg(long = "resource-group", short = 'g', value_name = "GROUP")]
    pub resource_group: Option<String>,
    /// Name of the workspace.
    #[arg(long = "workspace-name", short = 'w', value_name = "NAME")]
    pub workspace_name: Option<String>,
    /// Subscription of the workspace (as the v1 CLI's --subscription-id; --subscription is the same).
    #[arg(long = "subscription-id", value_name = "ID")]
    pub subscription_id: Option<String>,
    /// Folder (or config.json file) where the search for the workspace's config.json starts.
    /// Default: the current folder.
    #[arg(long, value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Where azureml-core looks, in each folder from the start upwards.
const CANDIDATES: [&str; 3] = [".azureml/config.json", "aml_config/config.json", "config.json"];

/// The config.json for a start folder or file, if any. Anything there but a folder is the
/// file itself: a named pipe too (`--path <(…)`), read as every input is (capped, a pipe given
/// a few seconds for its writer), and a device, which then says what it holds; neither is a
/// folder to search "in" (they said "no config.json there").
pub fn find_config(start: &Path) -> Option<PathBuf> {
    if start.metadata().is_ok_and(|m| !m.is_dir()) {
        return Some(start.to_path_buf());
    }
    let abs = std::fs::canonicalize(start).ok()?;
    abs.ancestors().flat_map(|d| CANDIDATES.iter().map(move |c| d.join(c))).find(|p| p.is_file())
}

/// A file's path as a placeholder value, escaped (paths are outside input).
fn shown(file: &Path) -> Param {
    Param::from(crate::render::clean(&file.display().to_string()).into_owned())
}

fn text(o: &serde_json::Map<String, Value>, key: &str, file: &Path) -> Result<Option<String>, Failure> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Failure::Misuse(say("ui.cli.ws_not_string", vec![("file", shown(file)), ("key", Param::from(key))]))),
    }
}

/// Reads a config.json (`subscription_id`, `resource_group`, `workspace_name`).
pub fn read_config(file: &Path) -> Result<Workspace, Failure> {
    let v = crate::input::read_json(file, crate::input::What::WorkspaceConfig)?;
    let Some(o) = v.as_object() else {
        return Err(Failure::Misuse(say("ui.cli.ws_not_object", vec![("file", shown(file))])));
    };
    let mut ws = Workspace::default();
    ws.subscription_id = text(o, "subscription_id", file)?;
    ws.resource_group = text(o, "resource_group", file)?;
    ws.name = text(o, "workspace_name", file)?;
    ws.location = text(o, "location", file)?;
    Ok(ws)
}

/// Fills the workspace from the flags, the context, then config.json, each part from the
/// first that has it. `required` live commands need all three parts.
pub fn resolve(
    args: &WorkspaceArgs,
    subscription: Option<&str>,
    from_context: Option<Workspace>,
    required: bool,
    ask_az: bool,
) -> Result<Option<Workspace>, Failure> {
    let mut ws = from_context.unwrap_or_default();
    let sub = args.subscription_id.as_deref().or(subscription);
    if let Some(s) = sub {
        ws.subscription_id = Some(s.to_string());
    }
    if let Some(g) = &args.resource_group {
        ws.resource_group = Some(g.clone());
    }
    if let Some(w) = &args.workspace_name {
        ws.name = Some(w.clone());
    }
    let complete = |w: &Workspace| w.subscription_id.is_some() && w.resource_group.is_some() && w.name.is_some();
    if !complete(&ws) {
        let start = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
        if let Some(file) = find_config(&start) {
            crate::out::verbose(&format!("workspace from {}", crate::render::clean(&file.display().to_string())));
            let found = read_config(&file)?;
            ws.subscription_id = ws.subscription_id.or(found.subscription_id);
            ws.resource_group = ws.resource_group.or(found.resource_group);
            ws.name = ws.name.or(found.name);
            ws.location = ws.location.or(found.location);
        } else if args.path.is_some() {
            return Err(Failure::Misuse(say("ui.cli.ws_no_config", vec![("path", shown(&start))])));
        }
    }
    if required && ws.subscription_id.is_none() && ask_az {
        // As the Azure CLI does: the signed-in account's default subscription.
        ws.subscription_id = crate::token::az_tsv(&["account", "show", "--query", "id"]);
    }
    if required && !complete(&ws) {
        let missing: Vec<String> = [
            (ws.subscription_id.is_none(), "ui.cli.ws_part.subscription"),
            (ws.resource_group.is_none(), "ui.cli.ws_part.group"),
            (ws.name.is_none(), "ui.cli.ws_part.name"),
        ]
        .iter()
        .filter(|(m, _)| *m)
        .map(|(_, key)| say(key, Vec::new()))
        .collect();
        return Err(Failure::Misuse(say("ui.cli.ws_missing", vec![("missing", Param::from(missing.join(", ")))])));
    }
    let empty = ws == Workspace::default();
    Ok(if empty { None } else { Some(ws) })
}

/// The workspace's region, asked of the Azure CLI (`az resource show`), for a create that
/// names no location when neither the context nor config.json says it.
pub fn region_from_az(ws: &Workspace) -> Option<String> {
    let (s, g, n) = (ws.subscription_id.as_deref()?, ws.resource_group.as_deref()?, ws.name.as_deref()?);
    let id = format!("/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.MachineLearningServices/workspaces/{n}");
    crate::token::az_tsv(&["resource", "show", "--ids", &id, "--query", "location"])
}
