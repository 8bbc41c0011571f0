//! `seam-codegen diff`: what changes between two versions of a spec for code that uses the bindings
//! they generate. Both documents are read and resolved with the same settings and the two [`Model`]s
//! compared, so every change is named by the Rust item users compile against
//! (`seam::access_codes::CreateRequest::code`, `seam.acs().credentials().create`) and judged by what it
//! does to their code:
//!
//! - **breaking**: code that compiled stops compiling, or calls that worked start failing (a request
//!   constraint tightened);
//! - **changed behaviour**: the same code compiles but does something else (another HTTP path, another
//!   default on the server, retried or not);
//! - **additive**: new things to use; nothing existing changes;
//! - **documentation**: descriptions, deprecations, defaults of response fields.
//!
//! How a struct's users build it decides what a new field does to them: request types have `new`
//! (taking the required fields) and a setter per optional field, so a new optional field is additive
//! and a new required one breaks every `new` call; shared types that requests carry have no
//! constructor, so any new field breaks the struct literals that build them; response types are
//! decoded, so a new field is additive. Request and response structs are `#[non_exhaustive]`, so no
//! struct literal or exhaustive pattern outside the crate can break on a new field. Enums and unions
//! are open on the wire (`Unknown(String)`) and `#[non_exhaustive]` in Rust, so a new value or variant
//! is additive; see [`ENUMS_ARE_EXHAUSTIVE`].

use crate::diagnostics::Pointer;
use crate::locate::Positions;
use crate::model::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Whether generated enums and unions can be matched exhaustively outside the crate, so that a new
/// variant breaks a `match` without a `_` arm. They are `#[non_exhaustive]`, so it cannot: new
/// variants are additive. A test in this module checks the emitter against this constant.
pub const ENUMS_ARE_EXHAUSTIVE: bool = false;

/// What a change does to code using the bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Code stops compiling, or calls that worked fail.
    Breaking,
    /// Code compiles as before but behaves differently.
    Behaviour,
    /// Something new; nothing existing changes.
    Additive,
    /// Documentation only.
    Documentation,
}

impl Impact {
    fn title(self) -> &'static str {
        match self {
            Impact::Breaking => "Breaking",
            Impact::Behaviour => "Changed behaviour",
            Impact::Additive => "Additive",
            Impact::Documentation => "Documentation",
        }
    }
}

/// Where a change is in a spec: a JSON pointer and its line, in the old document (for what was
/// removed) or the new one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub pointer: String,
    pub line: Option<usize>,
    pub old: bool,
}

/// One change, named by the Rust item it is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub impact: Impact,
    /// The Rust item: `seam::access_codes::CreateRequest::code`, `seam.access_codes().create`.
    pub item: String,
    /// Its name on the wire when that says more than the Rust name: the JSON property, the HTTP
    /// operation.
    pub wire: Option<String>,
    /// What changed: `added`, `` `String` → `Option<String>` ``.
    pub what: String,
    /// Why the change has its impact, for code using the bindings.
    pub why: String,
    pub place: Option<Place>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.impact.title().to_lowercase(), self.item, self.what)
    }
}

/// One version of the spec: its model, the document as JSON and its text (for pointers and lines).
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub model: &'a Model,
    pub document: &'a Value,
    pub text: &'a str,
}

/// The changes from `old` to `new`, for the crate named `crate_name`, sorted by impact and item.
pub fn diff(old: Side<'_>, new: Side<'_>, crate_name: &str) -> Vec<Change> {
    // One id space for both sides: a type keeps its id across versions when it keeps its module and
    // name, so that the two models' type references compare directly.
    let keys: Vec<TypeKey> =
        all_keys(old.model).into_iter().chain(all_keys(new.model)).collect::<BTreeSet<_>>().into_iter().collect();
    let (old_model, new_model) = (canonical(old.model, &keys), canonical(new.model, &keys));
    let old_index = Index::new(Side { model: &old_model, ..old }, true, &keys);
    let new_index = Index::new(Side { model: &new_model, ..new }, false, &keys);
    let mut differ = Differ { old: &old_index, new: &new_index, crate_name, keys: &keys, changes: Vec::new() };
    differ.groups();
    differ.operations();
    differ.types();
    let mut changes = differ.changes;
    changes.sort();
    changes.dedup();
    changes
}

/// Whether any change is breaking.
pub fn is_breaking(changes: &[Change]) -> bool {
    changes.iter().any(|change| change.impact == Impact::Breaking)
}

/// Where a version of the spec comes from: a file, or a file at a git revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(std::path::PathBuf),
    /// `REV:PATH`, read with `git show REV:PATH` in `dir` (the current directory when `None`), so the
    /// path means what it means to git: from the repository's root, or from `dir` when it starts with
    /// `./`.
    Git {
        rev: String,
        path: String,
        dir: Option<std::path::PathBuf>,
    },
}

impl Source {
    /// A command-line argument: an existing file, else `REV:PATH` when it has a colon, else a file
    /// (that will not be found).
    pub fn parse(argument: &str) -> Self {
        let path = std::path::Path::new(argument);
        match argument.split_once(':') {
            Some((rev, file)) if !path.exists() && !rev.is_empty() => {
                Source::Git { rev: rev.to_owned(), path: file.to_owned(), dir: None }
            }
            _ => Source::File(path.to_owned()),
        }
    }

    /// The spec file `file` at revision `rev` of the repository it is in.
    pub fn at_revision(rev: &str, file: &std::path::Path) -> Self {
        let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).map(std::path::Path::to_owned);
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Source::Git { rev: rev.to_owned(), path: format!("./{name}"), dir }
    }

    /// The text of the spec.
    pub fn read(&self) -> Result<String, String> {
        match self {
            Source::File(path) => {
                std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
            }
            Source::Git { rev, path, dir } => {
                let mut command = std::process::Command::new("git");
                if let Some(dir) = dir {
                    command.arg("-C").arg(dir);
                }
                let output = command.args(["show", &format!("{rev}:{path}")]).output().map_err(|error| {
                    if error.kind() == std::io::ErrorKind::NotFound {
                        format!("cannot read `{self}`: git is not installed (or not on the PATH)")
                    } else {
                        format!("cannot read `{self}`: cannot run git: {error}")
                    }
                })?;
                if !output.status.success() {
                    let stderr = String::from_utf8_lossy(&output.stderr);
                    return Err(format!("cannot read `{self}` with git: {}", stderr.trim()));
                }
                String::from_utf8(output.stdout).map_err(|_| format!("`{self}` is not UTF-8 text"))
            }
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Git { rev, path, dir: None } => write!(f, "{rev}:{path}"),
            Source::Git { rev, path, dir: Some(dir) } => {
                write!(f, "{rev}:{}", dir.join(path.trim_start_matches("./")).display())
            }
        }
    }
}

/// Loads and resolves two versions of a spec with the same settings and compares them: the changes,
/// and the warnings about the new spec that the old one did not draw (`name: warning`), then a line
/// counting those both draw. A spec that does not load or resolve is an error with its diagnostics
/// located.
pub fn diff_texts(
    old: (&str, &str),
    new: (&str, &str),
    settings: &crate::Settings,
) -> Result<(Vec<Change>, Vec<String>), crate::Error> {
    let (old_text, old_name) = old;
    let (new_text, new_name) = new;
    let old_loaded = crate::load_model(old_text, old_name, settings)?;
    let new_loaded = crate::load_model(new_text, new_name, settings)?;
    // Lines move between versions: a warning is the same by its place and message.
    let old_warnings: BTreeSet<(&crate::Location, &str)> =
        old_loaded.warnings.iter().map(|w| (&w.location, w.message.as_str())).collect();
    let (shared, introduced): (Vec<_>, Vec<_>) =
        new_loaded.warnings.iter().partition(|w| old_warnings.contains(&(&w.location, w.message.as_str())));
    let mut warnings: Vec<String> = introduced.iter().map(|w| format!("{new_name}: {w}")).collect();
    if !shared.is_empty() {
        warnings.push(format!(
            "{new_name}: {} more warning{} that {old_name} draws too",
            shared.len(),
            if shared.len() == 1 { "" } else { "s" }
        ));
    }
    let changes = diff(
        Side { model: &old_loaded.model, document: &old_loaded.document, text: old_text },
        Side { model: &new_loaded.model, document: &new_loaded.document, text: new_text },
        &settings.crate_name,
    );
    Ok((changes, warnings))
}

/// What the report says about the comparison: the names of the two sides, the crate and the profile.
pub struct Heading<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub crate_name: &'a str,
    pub profile: &'a str,
}

/// The changes as Markdown for a pull request: a title with the counts, then one section per impact.
pub fn report(changes: &[Change], heading: &Heading<'_>) -> String {
    let count = |impact| changes.iter().filter(|c| c.impact == impact).count();
    let breaking = count(Impact::Breaking);
    let mut out = format!(
        "# API diff: {breaking} breaking, {} changed behaviour, {} additive, {} documentation\n\n",
        count(Impact::Behaviour),
        count(Impact::Additive),
        count(Impact::Documentation)
    );
    out.push_str(&format!(
        "`{}` → `{}`, compared as the Rust API of the `{}` crate (profile `{}`). {}\n",
        heading.old,
        heading.new,
        heading.crate_name,
        heading.profile,
        if breaking > 0 {
            "**Code written against the old bindings may stop compiling or fail.**"
        } else {
            "No breaking change."
        }
    ));
    for impact in [Impact::Breaking, Impact::Behaviour, Impact::Additive, Impact::Documentation] {
        out.push_str(&format!("\n## {}\n\n", impact.title()));
        let mut any = false;
        for change in changes.iter().filter(|c| c.impact == impact) {
            any = true;
            let wire = change.wire.as_ref().map(|wire| format!(" ({wire})")).unwrap_or_default();
            out.push_str(&format!("- `{}`{wire}: {}\n", change.item, change.what));
            if !change.why.is_empty() {
                out.push_str(&format!("  {}\n", change.why));
            }
            if let Some(place) = &change.place {
                let line = place.line.map(|line| format!(", line {line}")).unwrap_or_default();
                let side = if place.old { " of the old spec" } else { "" };
                out.push_str(&format!("  <sub>`{}`{line}{side}</sub>\n", place.pointer));
            }
        }
        if !any {
            out.push_str("None.\n");
        }
    }
    out
}

// ----- the model, indexed -----

/// What names a type: another type, or an operation (its request and response types).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Referrer {
    Type(TypeKey),
    Operation(OpKey),
}

/// A module path from the crate root and a type name.
type TypeKey = (Vec<String>, String);
/// A group's module path (the root's is `operations`) and a method name.
type OpKey = (Vec<String>, String);

struct OpEntry<'m> {
    operation: &'m Operation,
    /// The group's wire path; empty for the root.
    group_path: Vec<String>,
}

/// One side's model by Rust path, with what requests and responses reach and where things are in the
/// document.
struct Index<'m> {
    /// The keys of the shared id space (see [`canonical`]).
    keys: &'m [TypeKey],
    types: BTreeMap<TypeKey, &'m TypeDef>,
    operations: BTreeMap<OpKey, OpEntry<'m>>,
    /// Groups by module path, with their client struct.
    groups: BTreeMap<Vec<String>, &'m Group>,
    /// Types that requests carry (users build them).
    requests: BTreeSet<TypeKey>,
    /// Types that responses carry (users read them).
    responses: BTreeSet<TypeKey>,
    /// Types whose fields' constraints are checked before sending: operations' own request types,
    /// and the structs requests hold that check themselves (`wire::Validate`).
    checked: BTreeSet<TypeKey>,
    /// The types each type or operation names directly.
    refs: BTreeMap<Referrer, BTreeSet<TypeKey>>,
    /// Types that are a struct field's own type (not its items'): an inline schema's documentation is
    /// the field's.
    field_types: BTreeSet<TypeKey>,
    locator: Locator<'m>,
    old: bool,
}

fn type_key(module: &[Name], name: &str) -> TypeKey {
    (module.iter().map(|segment| segment.to_string()).collect(), name.to_owned())
}

/// A type's key: its module's path and its name.
fn key_of(model: &Model, id: TypeId) -> TypeKey {
    type_key(model.module_path(id), &model.ty(id).name)
}

fn all_keys(model: &Model) -> Vec<TypeKey> {
    (0..model.types.len()).map(|index| key_of(model, TypeId(index as u32))).collect()
}

/// `model` with its types renumbered into the shared id space of `keys` (sorted): the type with
/// key `keys[n]` gets id `n`. Ids of types only the other side has hold a placeholder nothing refers to.
fn canonical(model: &Model, keys: &[TypeKey]) -> Model {
    let ids: Vec<TypeId> = all_keys(model)
        .iter()
        .map(|key| TypeId(keys.binary_search(key).expect("every key is in the shared list") as u32))
        .collect();
    let mut renumbered = model.clone();
    renumbered.renumber_types(|id| ids[id.0 as usize]);
    let placeholder = TypeDef {
        name: Name::default(),
        module: ModuleId::TYPES,
        schema: None,
        docs: Docs::default(),
        kind: TypeKind::Alias(TypeRef::Json),
        validate: false,
    };
    let mut types = vec![placeholder; keys.len()];
    for (def, id) in renumbered.types.drain(..).zip(&ids) {
        types[id.0 as usize] = def;
    }
    renumbered.types = types;
    renumbered
}

impl<'m> Index<'m> {
    fn new(side: Side<'m>, old: bool, keys: &'m [TypeKey]) -> Self {
        let model = side.model;
        let mut index = Index {
            keys,
            types: BTreeMap::new(),
            operations: BTreeMap::new(),
            groups: BTreeMap::new(),
            requests: BTreeSet::new(),
            responses: BTreeSet::new(),
            checked: BTreeSet::new(),
            refs: BTreeMap::new(),
            field_types: BTreeSet::new(),
            locator: Locator::new(side.document, side.text),
            old,
        };
        for module in &model.modules {
            for id in &module.types {
                index.types.insert(keys[id.0 as usize].clone(), model.ty(*id));
            }
        }
        let mut stack: Vec<&Group> = model.groups.iter().chain([&model.root]).collect();
        while let Some(group) = stack.pop() {
            let module: Vec<String> = model.module(group.module_id).path.iter().map(ToString::to_string).collect();
            if !group.path.is_empty() {
                index.groups.insert(module.clone(), group);
            }
            for operation in &group.operations {
                index.operations.insert(
                    (module.clone(), operation.method.to_string()),
                    OpEntry { operation, group_path: group.path.clone() },
                );
            }
            stack.extend(group.subgroups.iter());
        }
        let op_keys: Vec<OpKey> = index.operations.keys().cloned().collect();
        for key in op_keys {
            let operation = index.operations[&key].operation;
            let request = keys[operation.request_type.0 as usize].clone();
            index.checked.insert(request.clone());
            let from_request = index.reach(vec![request.clone()]);
            let mut response_roots = Vec::new();
            match &operation.response {
                ResponseType::Defined(id) => response_roots.push(keys[id.0 as usize].clone()),
                ResponseType::Type(ty) => named_in(keys, ty, &mut response_roots),
                ResponseType::ByStatus { variants, .. } => {
                    for variant in variants {
                        if let Payload::Json(ty) = &variant.payload {
                            named_in(keys, ty, &mut response_roots);
                        }
                    }
                }
                ResponseType::Unit | ResponseType::Text | ResponseType::Bytes => {}
            }
            for body in operation.errors.iter().flat_map(|errors| &errors.variants).filter_map(|v| v.body.as_ref()) {
                named_in(keys, body, &mut response_roots);
            }
            let direct = index.refs.entry(Referrer::Operation(key.clone())).or_default();
            direct.insert(request);
            direct.extend(response_roots.iter().cloned());
            let from_response = index.reach(response_roots);
            index.requests.extend(from_request);
            index.responses.extend(from_response);
        }
        for (key, def) in &index.types {
            if def.validate {
                index.checked.insert(key.clone());
            }
            if let TypeKind::Struct(s) = &def.kind {
                for field in &s.fields {
                    if let TypeRef::Named(id) = field.ty.inner() {
                        index.field_types.insert(keys[id.0 as usize].clone());
                    }
                }
            }
            let mut named = Vec::new();
            for ty in refs_of(def) {
                named_in(keys, ty, &mut named);
            }
            index.refs.entry(Referrer::Type(key.clone())).or_default().extend(named);
        }
        index.locator.map_types(keys, &index.types, &index.operations);
        index
    }

    /// Whether a type that the other side lacks comes or goes with what refers to it: it is not a
    /// component schema (which users may name for itself), and every type or operation that names it
    /// no longer does on the other side, which is reported there (a field, a variant, an operation).
    fn implied(&self, key: &TypeKey, other: &Index<'_>) -> bool {
        if self.locator.components.contains(key) {
            return false;
        }
        let mut referrers = self.refs.iter().filter(|(_, named)| named.contains(key)).map(|(referrer, _)| referrer);
        let mut any = false;
        let all_dropped = referrers.all(|referrer| {
            any = true;
            !other.refs.get(referrer).is_some_and(|named| named.contains(key))
        });
        any && all_dropped
    }

    /// Every type reachable from `roots`, the roots included.
    fn reach(&self, roots: Vec<TypeKey>) -> BTreeSet<TypeKey> {
        let mut seen = BTreeSet::new();
        let mut stack = roots;
        while let Some(key) = stack.pop() {
            if !seen.insert(key.clone()) {
                continue;
            }
            if let Some(def) = self.types.get(&key) {
                for ty in refs_of(def) {
                    named_in(self.keys, ty, &mut stack);
                }
            }
        }
        seen
    }

    fn place(&self, pointer: Option<String>) -> Option<Place> {
        let pointer = pointer?;
        let line = self.locator.positions.find(&pointer).map(|(line, _)| line);
        Some(Place { pointer, line, old: self.old })
    }
}

/// The types a type definition refers to.
fn refs_of(def: &TypeDef) -> Vec<&TypeRef> {
    match &def.kind {
        TypeKind::Struct(s) => {
            s.fields.iter().map(|f| f.ty.inner()).chain(s.additional.as_ref().map(|(_, ty)| ty)).collect()
        }
        TypeKind::Enum { .. } => Vec::new(),
        TypeKind::TaggedUnion { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::UntaggedUnion { variants } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
    }
}

/// The generated types named in a type reference.
fn named_in(keys: &[TypeKey], ty: &TypeRef, out: &mut Vec<TypeKey>) {
    match ty {
        TypeRef::Named(id) => out.push(keys[id.0 as usize].clone()),
        TypeRef::Vec(inner) | TypeRef::Map(inner) => named_in(keys, inner, out),
        _ => {}
    }
}

// ----- pointers into the document -----

/// JSON pointers of the model's types, fields and operations in one document, found by following
/// the document from the operations and component schemas the way the resolver did.
struct Locator<'d> {
    document: &'d Value,
    positions: Positions,
    types: BTreeMap<TypeKey, String>,
    /// The types that are component schemas.
    components: BTreeSet<TypeKey>,
    operations: BTreeMap<OpKey, String>,
    /// Pointers of struct fields, by type and Rust field name.
    fields: BTreeMap<(TypeKey, String), String>,
}

impl<'d> Locator<'d> {
    fn new(document: &'d Value, text: &str) -> Self {
        Locator {
            document,
            positions: Positions::of(text),
            types: BTreeMap::new(),
            components: BTreeSet::new(),
            operations: BTreeMap::new(),
            fields: BTreeMap::new(),
        }
    }

    fn exists(&self, pointer: &str) -> bool {
        self.document.pointer(pointer.trim_start_matches('#')).is_some()
    }

    fn node(&self, pointer: &str) -> Option<&'d Value> {
        self.document.pointer(pointer.trim_start_matches('#'))
    }

    /// The pointer itself, or where its `$ref`s lead.
    fn deref(&self, pointer: &str) -> Option<String> {
        let mut current = pointer.to_owned();
        for _ in 0..16 {
            let node = self.node(&current)?;
            match node.get("$ref").and_then(Value::as_str) {
                Some(reference) if reference.starts_with('#') => current = reference.to_owned(),
                _ => return Some(current),
            }
        }
        Some(current)
    }

    fn child(&self, pointer: &str, segment: impl fmt::Display) -> Option<String> {
        let parent = self.deref(pointer)?;
        let child = format!("{}/{}", parent, escape(&segment.to_string()));
        self.exists(&child).then_some(child)
    }

    /// The schema of a request body or response: `content/<media>/schema`, the first JSON media type.
    fn content_schema(&self, pointer: &str) -> Option<String> {
        let content = self.child(pointer, "content")?;
        let keys = self.node(&content)?.as_object()?;
        let json = |media: &&String| {
            let base = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            base == "application/json" || base.ends_with("+json")
        };
        let media = keys.keys().find(json).or_else(|| keys.keys().next())?;
        self.child(&content, media).and_then(|media| self.child(&media, "schema"))
    }

    /// A property's pointer within a schema, looking through `allOf`, `oneOf` and `anyOf` parts.
    fn property(&self, schema: &str, wire: &str, depth: usize) -> Option<String> {
        if depth > 8 {
            return None;
        }
        let schema = self.deref(schema)?;
        if let Some(found) = self.child(&schema, "properties").and_then(|p| self.child(&p, wire)) {
            return Some(found);
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            let Some(parts) = self.child(&schema, keyword) else { continue };
            let count = self.node(&parts).and_then(Value::as_array).map_or(0, Vec::len);
            for part in 0..count {
                if let Some(found) = self.child(&parts, part).and_then(|p| self.property(&p, wire, depth + 1)) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// A parameter's pointer: the operation's own, or its path item's.
    fn parameter(&self, operation: &str, param: &Param) -> Option<String> {
        let location = match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let path_item = Pointer::from_ref(operation)?.parent().to_string();
        for owner in [operation, path_item.as_str()] {
            let Some(list) = self.child(owner, "parameters") else { continue };
            let count = self.node(&list).and_then(Value::as_array).map_or(0, Vec::len);
            for index in 0..count {
                let Some(item) = self.child(&list, index).and_then(|p| self.deref(&p)) else { continue };
                let Some(node) = self.node(&item) else { continue };
                let matches = node.get("name").and_then(Value::as_str) == Some(&param.wire)
                    && node.get("in").and_then(Value::as_str) == Some(location);
                if matches {
                    return Some(item);
                }
            }
        }
        None
    }

    /// Finds pointers for the types of `types`: component schemas by name, operations' request and
    /// response types from the operation, inline types from the field that holds them.
    fn map_types(
        &mut self,
        keys: &[TypeKey],
        types: &BTreeMap<TypeKey, &TypeDef>,
        operations: &BTreeMap<OpKey, OpEntry<'_>>,
    ) {
        let schemas = Pointer::root().push("components").push("schemas");
        for (key, def) in types {
            if let Some(name) = &def.schema {
                self.components.insert(key.clone());
                self.types.entry(key.clone()).or_insert_with(|| schemas.push(name).to_string());
            }
        }
        for (key, entry) in operations {
            let operation = entry.operation;
            let pointer = Pointer::root()
                .push("paths")
                .push(&operation.http_path)
                .push(operation.http_method.as_str().to_lowercase())
                .to_string();
            if !self.exists(&pointer) {
                continue;
            }
            self.operations.insert(key.clone(), pointer.clone());
            let request = keys[operation.request_type.0 as usize].clone();
            let body = self.child(&pointer, "requestBody");
            match &operation.body {
                RequestBody::Itself { .. } => {
                    if let Some(schema) = body.as_deref().and_then(|body| self.content_schema(body)) {
                        self.types.insert(request.clone(), schema);
                    }
                }
                RequestBody::None | RequestBody::Field { .. } => {
                    self.types.insert(request.clone(), pointer.clone());
                    for param in &operation.params {
                        if let Some(at) = self.parameter(&pointer, param) {
                            self.fields.insert((request.clone(), param.field.to_string()), at);
                        }
                    }
                    if let (RequestBody::Field { field, .. }, Some(body)) = (&operation.body, &body) {
                        let at = self.content_schema(body).unwrap_or_else(|| body.clone());
                        self.fields.insert((request.clone(), field.to_string()), at);
                    }
                }
            }
            let success = self.child(&pointer, "responses").and_then(|responses| {
                let codes = self.node(&responses)?.as_object()?;
                let code = codes
                    .keys()
                    .find(|code| code.starts_with('2'))
                    .or_else(|| codes.keys().find(|c| *c == "default"))?;
                self.child(&responses, code)
            });
            if let (ResponseType::Defined(id), Some(success)) = (&operation.response, success) {
                if let Some(schema) = self.content_schema(&success) {
                    self.types.insert(keys[id.0 as usize].clone(), schema);
                }
            }
        }
        // Inline types, from the fields that hold them, until nothing new is found.
        loop {
            let mut found = Vec::new();
            for (key, pointer) in &self.types {
                let Some(TypeKind::Struct(s)) = types.get(key).map(|def| &def.kind) else { continue };
                for field in &s.fields {
                    let field_key = (key.clone(), field.name.to_string());
                    let at = match self.fields.get(&field_key) {
                        Some(at) => Some(at.clone()),
                        None => self.property(pointer, &field.wire, 0),
                    };
                    let Some(at) = at else { continue };
                    if !self.fields.contains_key(&field_key) {
                        found.push((None, Some(field_key), at.clone()));
                    }
                    let mut ty = field.ty.inner();
                    let mut at = at;
                    loop {
                        match ty {
                            TypeRef::Vec(item) => match self.child(&at, "items") {
                                Some(items) => (ty, at) = (item, items),
                                None => break,
                            },
                            TypeRef::Map(value) => match self.child(&at, "additionalProperties") {
                                Some(values) => (ty, at) = (value, values),
                                None => break,
                            },
                            TypeRef::Named(id) => {
                                let inner = keys[id.0 as usize].clone();
                                if !self.types.contains_key(&inner) && types.contains_key(&inner) {
                                    if let Some(at) = self.deref(&at) {
                                        found.push((Some(inner), None, at));
                                    }
                                }
                                break;
                            }
                            _ => break,
                        }
                    }
                }
            }
            let mut progress = false;
            for (type_key, field_key, at) in found {
                if let Some(key) = type_key {
                    progress |= self.types.insert(key, at.clone()).is_none();
                }
                if let Some(key) = field_key {
                    self.fields.entry(key).or_insert(at);
                }
            }
            if !progress {
                break;
            }
        }
    }

    fn type_pointer(&self, key: &TypeKey) -> Option<String> {
        self.types.get(key).cloned()
    }

    fn field_pointer(&self, key: &TypeKey, field: &str) -> Option<String> {
        self.fields.get(&(key.clone(), field.to_owned())).cloned()
    }

    /// The pointer of an enum value: the `enum` list item, or the enum's schema.
    fn enum_value(&self, key: &TypeKey, wire: &str) -> Option<String> {
        let schema = self.deref(self.types.get(key)?)?;
        let values = self.child(&schema, "enum");
        let index = values
            .as_deref()
            .and_then(|values| self.node(values))
            .and_then(Value::as_array)
            .and_then(|values| values.iter().position(|v| v.as_str() == Some(wire)));
        match (values, index) {
            (Some(values), Some(index)) => self.child(&values, index),
            _ => Some(schema),
        }
    }
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

// ----- Rust spelling -----

/// A type as users read it in rustdoc, without the `crate::` and `::std` noise.
fn show(keys: &[TypeKey], ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::F32 => "f32".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Named(id) => {
            let (module, name) = &keys[id.0 as usize];
            format!("{}::{name}", module.join("::"))
        }
        TypeRef::Vec(item) => format!("Vec<{}>", show(keys, item)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", show(keys, value)),
        TypeRef::Bytes => "Vec<u8>".to_owned(),
        TypeRef::Parts => "Vec<(String, Part)>".to_owned(),
    }
}

/// A field's Rust type, as the struct declares it.
fn show_field(keys: &[TypeKey], ty: &FieldType, boxed: bool) -> String {
    let inner = if boxed { format!("Box<{}>", show(keys, ty.inner())) } else { show(keys, ty.inner()) };
    match ty {
        FieldType::Required(_) => inner,
        FieldType::RequiredNullable(_) | FieldType::Optional(_) => format!("Option<{inner}>"),
        FieldType::OptionalNullable(_) => format!("Nullable<{inner}>"),
    }
}

/// What `new` or a setter takes for a field, as the builder writes it.
fn setter_param(keys: &[TypeKey], ty: &FieldType) -> String {
    match ty {
        FieldType::Required(TypeRef::String) | FieldType::Optional(TypeRef::String) => "impl Into<String>".to_owned(),
        FieldType::Required(TypeRef::DateTime) | FieldType::Optional(TypeRef::DateTime) => {
            "impl Into<DateTime>".to_owned()
        }
        FieldType::Optional(TypeRef::Vec(item)) if **item == TypeRef::String => {
            "impl IntoIterator<Item = impl Into<String>>".to_owned()
        }
        FieldType::Required(inner) | FieldType::Optional(inner) => show(keys, inner),
        FieldType::RequiredNullable(inner) => format!("Option<{}>", show(keys, inner)),
        FieldType::OptionalNullable(inner) => format!("impl Into<Nullable<{}>>", show(keys, inner)),
    }
}

fn presence(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Required(_) => "required",
        FieldType::RequiredNullable(_) => "required, nullable",
        FieldType::Optional(_) => "optional",
        FieldType::OptionalNullable(_) => "optional, nullable",
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum { .. } => "an enum",
        TypeKind::TaggedUnion { .. } => "a tagged union",
        TypeKind::UntaggedUnion { .. } => "an untagged union",
        TypeKind::Alias(_) => "a type alias",
    }
}

/// What a method returns, as rustdoc shows it.
fn returns_of(keys: &[TypeKey], operation: &Operation) -> String {
    match &operation.returns {
        Returns::Field(key) => show_field(keys, &key.ty, false),
        Returns::Nothing => "()".to_owned(),
        Returns::Whole => match &operation.response {
            ResponseType::Defined(id) => keys[id.0 as usize].1.clone(),
            ResponseType::ByStatus { name, .. } => name.to_string(),
            ResponseType::Type(ty) => show(keys, ty),
            ResponseType::Unit => "()".to_owned(),
            ResponseType::Text => "String".to_owned(),
            ResponseType::Bytes => "Vec<u8>".to_owned(),
        },
    }
}

fn body_of(body: &RequestBody) -> String {
    match body {
        RequestBody::None => "no body".to_owned(),
        RequestBody::Itself { content_type } => format!("the request as `{content_type}`"),
        RequestBody::Field { field, kind, optional } => {
            let kind = match kind {
                BodyKind::Json { content_type } | BodyKind::Raw { content_type } => content_type.as_str(),
                BodyKind::Form => "application/x-www-form-urlencoded",
                BodyKind::Multipart => "multipart/form-data",
            };
            format!("the field `{field}` as `{kind}`{}", if *optional { ", optional" } else { "" })
        }
    }
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// How users build values of a struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Build {
    /// `new` with the required fields, a setter per optional field.
    Constructor,
    /// A struct literal: a type that requests carry, without a constructor.
    Literal,
    /// Not built by users: only decoded from responses.
    Decoded,
}

/// What users do with a type, on either side of the change.
#[derive(Debug, Clone, Copy)]
struct Roles {
    build: Build,
    /// Responses carry it: users read it.
    read: bool,
    /// Requests carry it: the server sees what users put in it.
    sent: bool,
    /// Its fields' constraints are checked before sending (an operation's own request type, or a
    /// struct a request holds that checks itself).
    checked: bool,
    /// All fields optional: the struct derives `Default`.
    default: bool,
}

// ----- the comparison -----

struct Differ<'a, 'm> {
    old: &'a Index<'m>,
    new: &'a Index<'m>,
    crate_name: &'a str,
    /// The keys of the shared id space (see [`canonical`]).
    keys: &'a [TypeKey],
    changes: Vec<Change>,
}

/// Which side's document a change is located in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    Old,
    New,
}

impl<'a, 'm> Differ<'a, 'm> {
    fn index(&self, at: At) -> &'a Index<'m> {
        match at {
            At::Old => self.old,
            At::New => self.new,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        impact: Impact,
        item: String,
        wire: Option<String>,
        what: impl Into<String>,
        why: impl Into<String>,
        at: At,
        pointer: Option<String>,
    ) {
        let place = self.index(at).place(pointer);
        self.changes.push(Change { impact, item, wire, what: what.into(), why: why.into(), place });
    }

    fn type_path(&self, key: &TypeKey) -> String {
        format!("{}::{}::{}", self.crate_name, key.0.join("::"), key.1)
    }

    /// `seam.acs().credentials().create`: the method on the client, through its group accessors.
    fn op_path(&self, key: &OpKey, group_path: &[String]) -> String {
        let mut path = String::from("seam");
        if !group_path.is_empty() {
            for module in &key.0 {
                path.push_str(&format!(".{module}()"));
            }
        }
        path.push('.');
        path.push_str(&key.1);
        path
    }

    fn group_path(&self, module: &[String]) -> String {
        let accessors: String = module.iter().map(|m| format!(".{m}()")).collect();
        format!("seam{accessors}")
    }

    // ----- groups -----

    fn groups(&mut self) {
        let removed: Vec<Vec<String>> =
            self.old.groups.keys().filter(|k| !self.new.groups.contains_key(*k)).cloned().collect();
        let added: Vec<Vec<String>> =
            self.new.groups.keys().filter(|k| !self.old.groups.contains_key(*k)).cloned().collect();
        for (modules, at) in removed.into_iter().map(|m| (m, At::Old)).chain(added.into_iter().map(|m| (m, At::New))) {
            let group = self.index(at).groups[&modules];
            let client = format!("{}::{}::{}", self.crate_name, modules.join("::"), group.client);
            let item = self.group_path(&modules);
            let wire = Some(format!("`/{}`", group.path.join("/")));
            let pointer = None;
            if at == At::Old {
                self.push(
                    Impact::Breaking,
                    item,
                    wire,
                    "group removed",
                    format!("The accessor and its client struct `{client}` are gone: code using them stops compiling."),
                    at,
                    pointer,
                );
            } else {
                self.push(
                    Impact::Additive,
                    item,
                    wire,
                    "group added",
                    format!("A new accessor and client struct `{client}`."),
                    at,
                    pointer,
                );
            }
        }
    }

    // ----- operations -----

    fn operations(&mut self) {
        let removed: Vec<OpKey> =
            self.old.operations.keys().filter(|k| !self.new.operations.contains_key(*k)).cloned().collect();
        let mut added: Vec<OpKey> =
            self.new.operations.keys().filter(|k| !self.old.operations.contains_key(*k)).cloned().collect();
        for key in removed {
            let entry = &self.old.operations[&key];
            let http = http_of(entry.operation);
            let old_path = self.op_path(&key, &entry.group_path);
            // The same HTTP operation under another Rust name: a rename (another operationId under the
            // plain profile).
            let renamed = added.iter().position(|new_key| http_of(self.new.operations[new_key].operation) == http);
            if let Some(position) = renamed {
                let new_key = added.remove(position);
                let new_entry = &self.new.operations[&new_key];
                let new_path = self.op_path(&new_key, &new_entry.group_path);
                let pointer = self.new.locator.operations.get(&new_key).cloned();
                self.push(
                    Impact::Breaking,
                    old_path.clone(),
                    Some(format!("`{http}`")),
                    format!("renamed to `{new_path}`"),
                    "The same HTTP operation under another method name: calls to the old name stop compiling.",
                    At::New,
                    pointer,
                );
                self.operation(&key, &new_key);
                continue;
            }
            let pointer = self.old.locator.operations.get(&key).cloned();
            self.push(
                Impact::Breaking,
                old_path,
                Some(format!("`{http}`")),
                "operation removed",
                "Calls to the method stop compiling.",
                At::Old,
                pointer,
            );
        }
        for key in added {
            let entry = &self.new.operations[&key];
            let http = http_of(entry.operation);
            let pointer = self.new.locator.operations.get(&key).cloned();
            let extra = entry
                .operation
                .pagination
                .as_ref()
                .map(|p| format!(", with `{}` and `{}`", p.pages_method, p.all_method))
                .unwrap_or_default();
            self.push(
                Impact::Additive,
                self.op_path(&key, &entry.group_path),
                Some(format!("`{http}`")),
                format!("operation added{extra}"),
                format!("Takes `{}`, returns `{}`.", entry.operation.request, returns_of(self.keys, entry.operation)),
                At::New,
                pointer,
            );
        }
        let both: Vec<OpKey> =
            self.old.operations.keys().filter(|k| self.new.operations.contains_key(*k)).cloned().collect();
        for key in both {
            self.operation(&key, &key);
        }
    }

    fn operation(&mut self, old_key: &OpKey, new_key: &OpKey) {
        let old_entry = &self.old.operations[old_key];
        let new_entry = &self.new.operations[new_key];
        let (a, b) = (old_entry.operation, new_entry.operation);
        let item = self.op_path(new_key, &new_entry.group_path);
        let pointer = self.new.locator.operations.get(new_key).cloned();
        let wire = Some(format!("`{}`", http_of(b)));
        let push = |differ: &mut Self, impact: Impact, what: String, why: &str| {
            differ.push(impact, item.clone(), wire.clone(), what, why, At::New, pointer.clone());
        };
        if http_of(a) != http_of(b) {
            push(
                self,
                Impact::Behaviour,
                format!("sends `{}` instead of `{}`", http_of(b), http_of(a)),
                "The call compiles as before and sends another HTTP request.",
            );
        }
        if a.request != b.request {
            push(
                self,
                Impact::Breaking,
                format!("takes `{}` instead of `{}`", b.request, a.request),
                "Calls that pass the old request type stop compiling.",
            );
        }
        if returns_of(self.keys, a) != returns_of(self.keys, b) {
            let why = match (&a.returns, &b.returns) {
                (Returns::Field(key), Returns::Whole) => format!(
                    "The answer now carries an action attempt beside `{}`, so the method returns both: code using the result as the old type stops compiling.",
                    key.field
                ),
                _ => "Code that uses the result as the old type stops compiling.".to_owned(),
            };
            push(
                self,
                Impact::Breaking,
                format!("returns `{}` instead of `{}`", returns_of(self.keys, b), returns_of(self.keys, a)),
                &why,
            );
        } else if a.decode != b.decode {
            push(
                self,
                Impact::Behaviour,
                format!("reads the answer as {:?} instead of {:?}", b.decode, a.decode),
                "The call compiles as before and decodes the answer differently.",
            );
        }
        if a.body != b.body && body_kind_changed(&a.body, &b.body) {
            push(
                self,
                Impact::Behaviour,
                format!("sends {} instead of {}", body_of(&b.body), body_of(&a.body)),
                "The call compiles as before and encodes the request differently.",
            );
        }
        for new_param in &b.params {
            let Some(old_param) = a.params.iter().find(|p| p.field == new_param.field) else { continue };
            let (old_shape, new_shape) = (param_shape(old_param), param_shape(new_param));
            if old_shape != new_shape {
                push(
                    self,
                    Impact::Behaviour,
                    format!("the field `{}` is sent as {new_shape} instead of {old_shape}", new_param.field),
                    "The call compiles as before and puts the value elsewhere in the HTTP request.",
                );
            }
        }
        if a.retry_safe != b.retry_safe {
            let (what, why) = if b.retry_safe {
                ("now retried after a timeout or a 5xx answer", "The spec says sending it twice does no harm.")
            } else {
                (
                    "no longer retried after a timeout or a 5xx answer",
                    "The spec no longer says sending it twice does no harm.",
                )
            };
            push(self, Impact::Behaviour, what.to_owned(), why);
        }
        if a.envelope_flag != b.envelope_flag {
            push(
                self,
                Impact::Behaviour,
                format!("envelope flag {:?} instead of {:?}", b.envelope_flag, a.envelope_flag),
                "Which answers count as errors changes.",
            );
        }
        match (&a.pagination, &b.pagination) {
            (None, Some(p)) => push(
                self,
                Impact::Additive,
                format!("paginated: new methods `{}` and `{}`", p.pages_method, p.all_method),
                "Pages and a stream of every item, fetched as needed.",
            ),
            (Some(p), None) => push(
                self,
                Impact::Breaking,
                format!("no longer paginated: `{}` and `{}` removed", p.pages_method, p.all_method),
                "Calls to those methods stop compiling.",
            ),
            (Some(p), Some(q)) if (&p.pages_method, &p.all_method) != (&q.pages_method, &q.all_method) => push(
                self,
                Impact::Breaking,
                format!(
                    "page methods `{}`/`{}` renamed to `{}`/`{}`",
                    p.pages_method, p.all_method, q.pages_method, q.all_method
                ),
                "Calls to the old names stop compiling.",
            ),
            (Some(p), Some(q)) if p.item != q.item => push(
                self,
                Impact::Breaking,
                format!(
                    "`{}` yields `{}` instead of `{}`",
                    q.all_method,
                    show(self.keys, &q.item),
                    show(self.keys, &p.item)
                ),
                "Code that uses the items as the old type stops compiling.",
            ),
            _ => {}
        }
        if let (
            ResponseType::ByStatus { name, variants: old_variants },
            ResponseType::ByStatus { variants: new_variants, .. },
        ) = (&a.response, &b.response)
        {
            let status_enum = self.type_path(&(new_key.0.clone(), name.to_string()));
            for variant in old_variants.iter().filter(|v| !new_variants.iter().any(|w| w.name == v.name)) {
                self.push(
                    Impact::Breaking,
                    format!("{status_enum}::{}", variant.name),
                    None,
                    "success status removed",
                    "Code naming the variant stops compiling.",
                    At::New,
                    pointer.clone(),
                );
            }
            for variant in new_variants {
                match old_variants.iter().find(|v| v.name == variant.name) {
                    None => self.push(
                        Impact::Breaking,
                        format!("{status_enum}::{}", variant.name),
                        None,
                        "success status added",
                        "The enum has no catch-all for statuses it lists: a `match` without `_` stops compiling.",
                        At::New,
                        pointer.clone(),
                    ),
                    Some(old) if old.payload != variant.payload => self.push(
                        Impact::Breaking,
                        format!("{status_enum}::{}", variant.name),
                        None,
                        format!(
                            "payload `{}` instead of `{}`",
                            payload_of(self.keys, &variant.payload),
                            payload_of(self.keys, &old.payload)
                        ),
                        "Code that uses the payload as the old type stops compiling.",
                        At::New,
                        pointer.clone(),
                    ),
                    Some(_) => {}
                }
            }
        }
        self.docs(&a.docs, &b.docs, &item, wire.clone(), pointer.clone(), false);
    }

    // ----- types -----

    fn types(&mut self) {
        let keys: BTreeSet<&TypeKey> = self.old.types.keys().chain(self.new.types.keys()).collect();
        for key in keys {
            match (self.old.types.get(key), self.new.types.get(key)) {
                (Some(_), None) => {
                    if self.old.implied(key, self.new) {
                        continue;
                    }
                    let pointer = self.old.locator.type_pointer(key);
                    self.push(
                        Impact::Breaking,
                        self.type_path(key),
                        None,
                        "type removed",
                        "Code naming the type stops compiling.",
                        At::Old,
                        pointer,
                    );
                }
                (None, Some(def)) => {
                    if self.new.implied(key, self.old) {
                        continue;
                    }
                    let pointer = self.new.locator.type_pointer(key);
                    self.push(
                        Impact::Additive,
                        self.type_path(key),
                        None,
                        format!("type added ({})", kind_name(&def.kind)),
                        "",
                        At::New,
                        pointer,
                    );
                }
                (Some(a), Some(b)) => self.type_def(key, a, b),
                (None, None) => {}
            }
        }
    }

    fn roles(&self, key: &TypeKey, old: &Struct) -> Roles {
        let sent = self.old.requests.contains(key) || self.new.requests.contains(key);
        let read = self.old.responses.contains(key) || self.new.responses.contains(key);
        let build = match (sent, old.builder) {
            (true, true) => Build::Constructor,
            (true, false) => Build::Literal,
            (false, _) => Build::Decoded,
        };
        let checked = self.old.checked.contains(key) || self.new.checked.contains(key);
        Roles { build, read, sent, checked, default: old.fields.iter().all(|f| !f.ty.is_required()) }
    }

    fn type_def(&mut self, key: &TypeKey, a: &TypeDef, b: &TypeDef) {
        let item = self.type_path(key);
        let pointer = self.new.locator.type_pointer(key);
        match (&a.kind, &b.kind) {
            (TypeKind::Struct(old), TypeKind::Struct(new)) => self.structure(key, old, new),
            (TypeKind::Enum { variants: old, .. }, TypeKind::Enum { variants: new, unknown }) => {
                self.enumeration(key, old, new, unknown)
            }
            (
                TypeKind::TaggedUnion { tag: old_tag, variants: old, .. },
                TypeKind::TaggedUnion { tag: new_tag, variants: new, .. },
            ) => {
                if old_tag != new_tag {
                    self.push(
                        Impact::Behaviour,
                        item.clone(),
                        None,
                        format!("told apart by `{new_tag}` instead of `{old_tag}`"),
                        "Values decode by another property; the `TAG` constant changes.",
                        At::New,
                        pointer.clone(),
                    );
                }
                self.tagged(key, old, new);
            }
            (TypeKind::UntaggedUnion { variants: old }, TypeKind::UntaggedUnion { variants: new }) => {
                self.untagged(key, old, new)
            }
            (TypeKind::Alias(old), TypeKind::Alias(new)) => {
                if old != new {
                    self.push(
                        Impact::Breaking,
                        item.clone(),
                        None,
                        format!("`{}` instead of `{}`", show(self.keys, new), show(self.keys, old)),
                        "Code that uses the alias as the old type stops compiling.",
                        At::New,
                        pointer.clone(),
                    );
                }
            }
            (old, new) => self.push(
                Impact::Breaking,
                item.clone(),
                None,
                format!("{} instead of {}", kind_name(new), kind_name(old)),
                "Code that uses the type stops compiling.",
                At::New,
                pointer.clone(),
            ),
        }
        // The documentation of a field's inline schema is the field's, reported there; a default is a
        // field's too. A request type of parameters is documented by the generator, not the spec.
        let of_parameters = pointer.as_ref().is_some_and(|p| self.new.locator.operations.values().any(|o| o == p));
        let own = self.new.locator.components.contains(key) || !self.new.field_types.contains(key);
        if own && !of_parameters {
            let without_default = |docs: &Docs| Docs { default: None, ..docs.clone() };
            self.docs(&without_default(&a.docs), &without_default(&b.docs), &item, None, pointer, false);
        }
    }

    /// Documentation changes; a default is the server's behaviour when a request leaves the field
    /// out, so it is behaviour for what requests carry.
    fn docs(&mut self, a: &Docs, b: &Docs, item: &str, wire: Option<String>, pointer: Option<String>, sent: bool) {
        let mut notes = Vec::new();
        if a.title != b.title || a.description != b.description {
            notes.push("description changed".to_owned());
        }
        match (&a.deprecated, &b.deprecated) {
            (None, Some(note)) if note.is_empty() => notes.push("deprecated: code using it gets a warning".to_owned()),
            (None, Some(note)) => notes.push(format!("deprecated (\"{note}\"): code using it gets a warning")),
            (Some(_), None) => notes.push("no longer deprecated".to_owned()),
            _ => {}
        }
        if a.draft != b.draft {
            notes.push(if b.draft.is_some() { "marked draft" } else { "no longer draft" }.to_owned());
        }
        if a.hidden != b.hidden {
            notes.push(if b.hidden { "hidden from rustdoc (undocumented)" } else { "shown in rustdoc" }.to_owned());
        }
        let default = (a.default != b.default).then(|| match (&a.default, &b.default) {
            (None, Some(new)) => format!("default `{new}` added"),
            (Some(old), None) => format!("default `{old}` removed"),
            (old, new) => {
                format!("default `{}` → `{}`", old.as_deref().unwrap_or_default(), new.as_deref().unwrap_or_default())
            }
        });
        if let (Some(default), false) = (&default, sent) {
            notes.push(default.clone());
        }
        if !notes.is_empty() {
            self.push(
                Impact::Documentation,
                item.to_owned(),
                wire.clone(),
                notes.join("; "),
                "",
                At::New,
                pointer.clone(),
            );
        }
        if let (Some(default), true) = (default, sent) {
            self.push(
                Impact::Behaviour,
                item.to_owned(),
                wire,
                default,
                "The bindings never send defaults: a request that leaves the field out gets what the server does now.",
                At::New,
                pointer,
            );
        }
    }

    fn structure(&mut self, key: &TypeKey, old: &Struct, new: &Struct) {
        let roles = self.roles(key, old);
        let item = self.type_path(key);
        let name = &key.1;
        let pointer = self.new.locator.type_pointer(key);
        if old.builder && !new.builder {
            self.push(
                Impact::Breaking,
                item.clone(),
                None,
                "no longer has `new` and setters",
                "Code that builds it with them stops compiling.",
                At::New,
                pointer.clone(),
            );
        } else if !old.builder && new.builder {
            self.push(Impact::Additive, item.clone(), None, "has `new` and setters now", "", At::New, pointer.clone());
        }
        let new_default = new.fields.iter().all(|f| !f.ty.is_required());
        if roles.default && !new_default {
            self.push(
                Impact::Breaking,
                item.clone(),
                None,
                "no longer implements `Default`",
                "It has a required field now: `Default::default()` and `..Default::default()` stop compiling.",
                At::New,
                pointer.clone(),
            );
        } else if !roles.default && new_default {
            self.push(Impact::Additive, item.clone(), None, "implements `Default` now", "", At::New, pointer.clone());
        }
        for field in &old.fields {
            if new.fields.iter().any(|f| f.name == field.name) {
                continue;
            }
            let why = match (roles.build, field.ty.is_required()) {
                (Build::Constructor, true) => {
                    format!(
                        "`{name}::new` no longer takes `{}`: calls to it, and code reading the field, stop compiling.",
                        field.name
                    )
                }
                (Build::Constructor, false) => {
                    format!(
                        "The setter `{name}::{}` and the field are gone: code using them stops compiling.",
                        field.name
                    )
                }
                (Build::Decoded, _) => "Code reading the field stops compiling.".to_owned(),
                (Build::Literal, _) => {
                    "Code reading the field, and struct literals that set it, stop compiling.".to_owned()
                }
            };
            let pointer = self.old.locator.field_pointer(key, &field.name);
            self.push(
                Impact::Breaking,
                format!("{item}::{}", field.name),
                wire_of(field),
                format!("field removed ({}, `{}`)", presence(&field.ty), show_field(self.keys, &field.ty, field.boxed)),
                why,
                At::Old,
                pointer,
            );
        }
        for field in &new.fields {
            let pointer = self.new.locator.field_pointer(key, &field.name);
            let field_item = format!("{item}::{}", field.name);
            match old.fields.iter().find(|f| f.name == field.name) {
                None => {
                    let (impact, why) = match (roles.build, field.ty.is_required()) {
                        (Build::Constructor, true) => (
                            Impact::Breaking,
                            format!("`{name}::new` takes a new argument `{}`: every call to it stops compiling.", field.name),
                        ),
                        (Build::Constructor, false) => {
                            (Impact::Additive, format!("A new setter `{name}::{}`.", field.name))
                        }
                        (Build::Literal, _) => (
                            Impact::Breaking,
                            format!(
                                "Requests carry `{name}`, which has no constructor: struct literals of it must name the new field{}.",
                                if roles.default && !field.ty.is_required() {
                                    " (unless they end with `..Default::default()`)"
                                } else {
                                    ""
                                }
                            ),
                        ),
                        (Build::Decoded, _) => (Impact::Additive, "A new field to read.".to_owned()),
                    };
                    self.push(
                        impact,
                        field_item,
                        wire_of(field),
                        format!(
                            "field added ({}, `{}`)",
                            presence(&field.ty),
                            show_field(self.keys, &field.ty, field.boxed)
                        ),
                        why,
                        At::New,
                        pointer,
                    );
                }
                Some(before) => self.field(key, &field_item, before, field, roles, pointer),
            }
        }
        if roles.build == Build::Constructor {
            // `new` takes the required fields in the order of the properties: two of one type swapped
            // still compile, silently.
            let required = |s: &Struct, other: &Struct| -> Vec<String> {
                s.fields
                    .iter()
                    .filter(|f| f.ty.is_required())
                    .filter(|f| other.fields.iter().any(|g| g.name == f.name && g.ty.is_required()))
                    .map(|f| f.name.to_string())
                    .collect()
            };
            let (before, after) = (required(old, new), required(new, old));
            if before != after {
                self.push(
                    Impact::Breaking,
                    format!("{item}::new"),
                    None,
                    format!("arguments in another order: `({})` → `({})`", before.join(", "), after.join(", ")),
                    "The spec lists the properties in another order: calls stop compiling, or, where the arguments have the same type, compile and pass them to the wrong fields.",
                    At::New,
                    pointer.clone(),
                );
            }
        }
        self.additional(key, old, new, roles, pointer);
        self.field_groups(key, old, new, roles);
    }

    fn field(&mut self, key: &TypeKey, item: &str, a: &Field, b: &Field, roles: Roles, pointer: Option<String>) {
        let name = &key.1;
        let field = &b.name;
        let wire = wire_of(b);
        let (old_type, new_type) = (show_field(self.keys, &a.ty, a.boxed), show_field(self.keys, &b.ty, b.boxed));
        let presence_changed = presence(&a.ty) != presence(&b.ty);
        let presence_note =
            if presence_changed { format!(" ({} → {})", presence(&a.ty), presence(&b.ty)) } else { String::new() };
        if a.ty.inner() != b.ty.inner() || a.boxed != b.boxed {
            let takes = match (a.ty.is_required(), b.ty.is_required()) {
                (true, true) => format!("`{name}::new` takes `{field}`"),
                (false, false) => format!("The setter `{name}::{field}` takes"),
                _ => String::new(),
            };
            let texts = [TypeRef::String, TypeRef::DateTime];
            let text_both = texts.contains(a.ty.inner()) && texts.contains(b.ty.inner());
            let why = match roles.build {
                // `DateTime` converts from RFC 3339 text: `.starts_at("2030-01-01T00:00:00Z")` compiles
                // either way.
                Build::Constructor if !takes.is_empty() && text_both && !presence_changed => format!(
                    "{takes} `{}` instead of `{}`: calls with `&str` or `String` still compile, others and code reading the field do not{}.",
                    setter_param(self.keys, &b.ty),
                    setter_param(self.keys, &a.ty),
                    if *b.ty.inner() == TypeRef::DateTime { ", and text that is not RFC 3339 fails before sending" } else { "" }
                ),
                Build::Constructor if !takes.is_empty() => format!(
                    "{takes} `{}` instead of `{}`: calls to it stop compiling.",
                    setter_param(self.keys, &b.ty),
                    setter_param(self.keys, &a.ty)
                ),
                Build::Constructor => format!(
                    "`{name}::new` and the setters change: calls that give `{field}` stop compiling."
                ),
                Build::Decoded => "Code reading the field as the old type stops compiling.".to_owned(),
                Build::Literal => "Code reading or setting the field as the old type stops compiling.".to_owned(),
            };
            self.push(
                Impact::Breaking,
                item.to_owned(),
                wire.clone(),
                format!("`{old_type}` → `{new_type}`{presence_note}"),
                why,
                At::New,
                pointer.clone(),
            );
        } else if presence_changed {
            let required_changed = a.ty.is_required() != b.ty.is_required();
            let (impact, why) = match roles.build {
                Build::Constructor if required_changed && b.ty.is_required() => (
                    Impact::Breaking,
                    format!("The setter `{name}::{field}` is gone and `{name}::new` takes `{field}`: calls to both stop compiling."),
                ),
                Build::Constructor if required_changed => (
                    Impact::Breaking,
                    format!("`{name}::new` no longer takes `{field}` (set it with `{name}::{field}`): calls to `new` stop compiling."),
                ),
                Build::Constructor if b.ty.is_required() => (
                    Impact::Breaking,
                    format!("`{name}::new` takes `{field}` as `{new_type}` instead of `{old_type}`: calls to it stop compiling."),
                ),
                Build::Constructor => (
                    Impact::Breaking,
                    format!("The field is `{new_type}`, not `{old_type}`: setter calls with a value still compile, code reading the field does not."),
                ),
                _ if old_type != new_type => {
                    let reading = if roles.read { "code reading the field" } else { "code setting the field" };
                    (Impact::Breaking, format!("The field is `{new_type}`, not `{old_type}`: {reading} stops compiling."))
                }
                _ => {
                    // Same Rust type (`Option<T>`, required and nullable or optional): only how `None`
                    // is written changes.
                    let null = matches!(b.ty, FieldType::RequiredNullable(_));
                    let why = match (roles.sent, null) {
                        (true, true) => "The type is the same; requests now send `None` as `null` instead of leaving the field out.",
                        (true, false) => "The type is the same; requests now leave the field out when it is `None` instead of sending `null`.",
                        (false, true) => "The type is the same and decodes as before; `None` is now written as `null` when the value is serialized again.",
                        (false, false) => "The type is the same and decodes as before; `None` is now left out when the value is serialized again.",
                    };
                    (Impact::Behaviour, why.to_owned())
                }
            };
            let what = if old_type == new_type {
                format!("{} → {} (still `{new_type}`)", presence(&a.ty), presence(&b.ty))
            } else {
                format!("`{old_type}` → `{new_type}`{presence_note}")
            };
            self.push(impact, item.to_owned(), wire.clone(), what, why, At::New, pointer.clone());
        }
        if a.wire != b.wire {
            self.push(
                Impact::Behaviour,
                item.to_owned(),
                None,
                format!("JSON name `{}` instead of `{}`", b.wire, a.wire),
                "The field compiles as before and is sent and read under another JSON name.",
                At::New,
                pointer.clone(),
            );
        }
        self.constraints(item, wire.clone(), &a.constraints, &b.constraints, roles, pointer.clone());
        self.docs(&a.docs, &b.docs, item, wire, pointer, roles.sent);
    }

    /// `additionalProperties` beside declared properties: a map field.
    fn additional(&mut self, key: &TypeKey, old: &Struct, new: &Struct, roles: Roles, pointer: Option<String>) {
        let item = self.type_path(key);
        match (&old.additional, &new.additional) {
            (None, Some((field, ty))) => {
                let (impact, why) = match roles.build {
                    Build::Literal => (Impact::Breaking, "Struct literals of it must name the new field."),
                    _ => (Impact::Additive, "Properties beyond the declared ones are kept."),
                };
                self.push(
                    impact,
                    format!("{item}::{field}"),
                    None,
                    format!("field added (`BTreeMap<String, {}>`, additionalProperties)", show(self.keys, ty)),
                    why,
                    At::New,
                    pointer,
                );
            }
            (Some((field, ty)), None) => self.push(
                Impact::Breaking,
                format!("{item}::{field}"),
                None,
                format!("field removed (`BTreeMap<String, {}>`, additionalProperties)", show(self.keys, ty)),
                "Code using the map stops compiling.",
                At::New,
                pointer,
            ),
            (Some((old_field, old_ty)), Some((new_field, new_ty))) if (old_field, old_ty) != (new_field, new_ty) => {
                self.push(
                    Impact::Breaking,
                    format!("{item}::{old_field}"),
                    None,
                    format!(
                        "`{old_field}: BTreeMap<String, {}>` → `{new_field}: BTreeMap<String, {}>`",
                        show(self.keys, old_ty),
                        show(self.keys, new_ty)
                    ),
                    "Code using the map as before stops compiling.",
                    At::New,
                    pointer,
                );
            }
            _ => {}
        }
    }

    /// The constraints of one field. They bind what requests send: the bindings check an operation's
    /// own request fields before sending; the server checks the rest.
    fn constraints(
        &mut self,
        item: &str,
        wire: Option<String>,
        a: &Constraints,
        b: &Constraints,
        roles: Roles,
        pointer: Option<String>,
    ) {
        if a == b {
            return;
        }
        if !roles.sent {
            self.push(
                Impact::Documentation,
                item.to_owned(),
                wire,
                format!("constraints {} instead of {}", show_constraints(b), show_constraints(a)),
                "A response's constraints are documentation: the bindings do not check them.",
                At::New,
                pointer,
            );
            return;
        }
        let mut tighter = Vec::new();
        let mut looser = Vec::new();
        compare_constraints(a, b, "", &mut tighter, &mut looser);
        if !tighter.is_empty() {
            let why = if roles.checked {
                "Compiles as before, but calls with values that passed now fail with a validation error before sending."
            } else {
                "Compiles as before, but the server may reject values it accepted (the bindings do not check this value)."
            };
            self.push(
                Impact::Breaking,
                item.to_owned(),
                wire.clone(),
                format!("constraint tightened: {}", tighter.join(", ")),
                why,
                At::New,
                pointer.clone(),
            );
        }
        if !looser.is_empty() {
            self.push(
                Impact::Additive,
                item.to_owned(),
                wire,
                format!("constraint loosened: {}", looser.join(", ")),
                "Values that were rejected are accepted now.",
                At::New,
                pointer,
            );
        }
    }

    /// `x-mutually-exclusive` and `x-at-least-one`: rules across a request's fields.
    fn field_groups(&mut self, key: &TypeKey, old: &Struct, new: &Struct, roles: Roles) {
        // The rule's keyword where the schema has it: the new document's, else the old one's.
        let keyword = |differ: &Self, name: &str| {
            let at = |index: &Index<'_>| {
                index.locator.type_pointer(key).and_then(|schema| index.locator.child(&schema, name))
            };
            match at(differ.new) {
                Some(pointer) => (At::New, Some(pointer)),
                None => match at(differ.old) {
                    Some(pointer) => (At::Old, Some(pointer)),
                    None => (At::New, differ.new.locator.type_pointer(key)),
                },
            }
        };
        let (exclusive_at, exclusive_pointer) = keyword(self, "x-mutually-exclusive");
        let (at_least_one_at, at_least_one_pointer) = keyword(self, "x-at-least-one");
        let item = self.type_path(key);
        let where_checked = if roles.checked {
            "calls that passed now fail with a validation error before sending"
        } else {
            "the server may reject requests it accepted"
        };
        let pairs = |groups: &[Vec<Name>]| {
            let mut pairs = BTreeSet::new();
            for group in groups {
                for (i, x) in group.iter().enumerate() {
                    for y in &group[i + 1..] {
                        pairs.insert(if x < y { (x.clone(), y.clone()) } else { (y.clone(), x.clone()) });
                    }
                }
            }
            pairs
        };
        let (old_pairs, new_pairs) = (pairs(&old.exclusive), pairs(&new.exclusive));
        let list = |pairs: Vec<&(Name, Name)>| {
            pairs.iter().map(|(x, y)| format!("`{x}`/`{y}`")).collect::<Vec<_>>().join(", ")
        };
        let impact_if_sent = |impact| if roles.sent { impact } else { Impact::Documentation };
        let newly: Vec<&(Name, Name)> = new_pairs.difference(&old_pairs).collect();
        if !newly.is_empty() {
            self.push(
                impact_if_sent(Impact::Breaking),
                item.clone(),
                None,
                format!("x-mutually-exclusive: {} may no longer be set together", list(newly)),
                format!("Compiles as before, but {where_checked}."),
                exclusive_at,
                exclusive_pointer.clone(),
            );
        }
        let freed: Vec<&(Name, Name)> = old_pairs.difference(&new_pairs).collect();
        if !freed.is_empty() {
            self.push(
                impact_if_sent(Impact::Additive),
                item.clone(),
                None,
                format!("x-mutually-exclusive: {} may be set together now", list(freed)),
                "",
                exclusive_at,
                exclusive_pointer.clone(),
            );
        }
        let show_group = |group: &Vec<Name>| group.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
        let subset = |small: &Vec<Name>, big: &Vec<Name>| small.iter().all(|f| big.contains(f));
        // A rule "at least one of N" follows from an old rule "at least one of O" when O ⊆ N.
        for group in &new.at_least_one {
            if !old.at_least_one.iter().any(|o| subset(o, group)) {
                self.push(
                    impact_if_sent(Impact::Breaking),
                    item.clone(),
                    None,
                    format!("x-at-least-one: one of {} must be set", show_group(group)),
                    format!("Compiles as before, but {where_checked}."),
                    at_least_one_at,
                    at_least_one_pointer.clone(),
                );
            }
        }
        for group in &old.at_least_one {
            if !new.at_least_one.iter().any(|n| subset(n, group)) {
                self.push(
                    impact_if_sent(Impact::Additive),
                    item.clone(),
                    None,
                    format!("x-at-least-one: no longer requires one of {}", show_group(group)),
                    "",
                    at_least_one_at,
                    at_least_one_pointer.clone(),
                );
            }
        }
    }

    fn enumeration(&mut self, key: &TypeKey, old: &[EnumVariant], new: &[EnumVariant], unknown: &str) {
        let item = self.type_path(key);
        let name = &key.1;
        let read = self.old.responses.contains(key) || self.new.responses.contains(key);
        let sent = self.old.requests.contains(key) || self.new.requests.contains(key);
        for variant in old {
            let pointer = self.old.locator.enum_value(key, &variant.wire);
            match new.iter().find(|v| v.wire == variant.wire) {
                None => {
                    let mut why = format!("Code naming `{name}::{}` stops compiling", variant.name);
                    if read {
                        why.push_str(&format!(
                            "; the value, if it comes, is read as `{unknown}(\"{}\")`",
                            variant.wire
                        ));
                    }
                    if sent {
                        why.push_str("; the server may no longer accept it");
                    }
                    why.push('.');
                    self.push(
                        Impact::Breaking,
                        format!("{item}::{}", variant.name),
                        Some(format!("`\"{}\"`", variant.wire)),
                        "enum value removed",
                        why,
                        At::Old,
                        pointer,
                    );
                }
                Some(renamed) if renamed.name != variant.name => self.push(
                    Impact::Breaking,
                    format!("{item}::{}", variant.name),
                    Some(format!("`\"{}\"`", variant.wire)),
                    format!("variant renamed to `{}`", renamed.name),
                    "Code naming the old variant stops compiling.",
                    At::New,
                    self.new.locator.enum_value(key, &variant.wire),
                ),
                Some(_) => {}
            }
        }
        for variant in new.iter().filter(|v| !old.iter().any(|o| o.wire == v.wire)) {
            let pointer = self.new.locator.enum_value(key, &variant.wire);
            let mut why = if ENUMS_ARE_EXHAUSTIVE {
                format!("`{name}` is not `#[non_exhaustive]`: a `match` that lists every variant without a `_` arm stops compiling")
            } else {
                String::new()
            };
            if read {
                let read_as = format!(
                    "value read as `{name}::{unknown}(\"{}\")` until now is `{name}::{}`",
                    variant.wire, variant.name
                );
                why = if why.is_empty() { format!("A {read_as}") } else { format!("{why}; a {read_as}") };
            }
            why.push('.');
            self.push(
                if ENUMS_ARE_EXHAUSTIVE { Impact::Breaking } else { Impact::Additive },
                format!("{item}::{}", variant.name),
                Some(format!("`\"{}\"`", variant.wire)),
                "enum value added",
                why,
                At::New,
                pointer,
            );
        }
    }

    fn tagged(&mut self, key: &TypeKey, old: &[UnionVariant], new: &[UnionVariant]) {
        let item = self.type_path(key);
        let name = &key.1;
        let pointer = self.new.locator.type_pointer(key);
        let old_pointer = self.old.locator.type_pointer(key);
        for variant in old {
            match new.iter().find(|v| v.tag_value == variant.tag_value) {
                None => self.push(
                    Impact::Breaking,
                    format!("{item}::{}", variant.name),
                    Some(format!("tag `\"{}\"`", variant.tag_value)),
                    "union variant removed",
                    format!(
                        "Code naming `{name}::{}` stops compiling; such values are read as `Unknown`.",
                        variant.name
                    ),
                    At::Old,
                    old_pointer.clone(),
                ),
                Some(now) if now.name != variant.name || now.ty != variant.ty || now.boxed != variant.boxed => self
                    .push(
                        Impact::Breaking,
                        format!("{item}::{}", variant.name),
                        Some(format!("tag `\"{}\"`", variant.tag_value)),
                        format!(
                            "`{}({})` → `{}({})`",
                            variant.name,
                            show(self.keys, &variant.ty),
                            now.name,
                            show(self.keys, &now.ty)
                        ),
                        "Code naming or unpacking the old variant stops compiling.",
                        At::New,
                        pointer.clone(),
                    ),
                Some(_) => {}
            }
        }
        for variant in new.iter().filter(|v| !old.iter().any(|o| o.tag_value == v.tag_value)) {
            let (impact, why) = if ENUMS_ARE_EXHAUSTIVE {
                (Impact::Breaking, format!("`{name}` is not `#[non_exhaustive]`: a `match` that lists every variant without a `_` arm stops compiling; values read as `Unknown` until now are `{name}::{}`.", variant.name))
            } else {
                (Impact::Additive, String::new())
            };
            self.push(
                impact,
                format!("{item}::{}", variant.name),
                Some(format!("tag `\"{}\"`", variant.tag_value)),
                format!("union variant added (`{}`)", show(self.keys, &variant.ty)),
                why,
                At::New,
                pointer.clone(),
            );
        }
    }

    fn untagged(&mut self, key: &TypeKey, old: &[UntaggedVariant], new: &[UntaggedVariant]) {
        let item = self.type_path(key);
        let name = &key.1;
        let pointer = self.new.locator.type_pointer(key);
        let old_pointer = self.old.locator.type_pointer(key);
        for variant in old {
            match new.iter().find(|v| v.name == variant.name) {
                None => self.push(
                    Impact::Breaking,
                    format!("{item}::{}", variant.name),
                    None,
                    "union variant removed",
                    format!("Code naming `{name}::{}` stops compiling.", variant.name),
                    At::Old,
                    old_pointer.clone(),
                ),
                Some(now) if now.ty != variant.ty || now.boxed != variant.boxed => self.push(
                    Impact::Breaking,
                    format!("{item}::{}", variant.name),
                    None,
                    format!("holds `{}` instead of `{}`", show(self.keys, &now.ty), show(self.keys, &variant.ty)),
                    "Code unpacking the variant as the old type stops compiling.",
                    At::New,
                    pointer.clone(),
                ),
                Some(now) if now.consts != variant.consts => self.push(
                    Impact::Behaviour,
                    format!("{item}::{}", variant.name),
                    None,
                    "matches on other constant properties",
                    "Values may decode as another variant.",
                    At::New,
                    pointer.clone(),
                ),
                Some(_) => {}
            }
        }
        for variant in new.iter().filter(|v| !old.iter().any(|o| o.name == v.name)) {
            self.push(
                Impact::Breaking,
                format!("{item}::{}", variant.name),
                None,
                format!("union variant added (`{}`)", show(self.keys, &variant.ty)),
                format!("`{name}` has no catch-all and is not `#[non_exhaustive]`: a `match` without a `_` arm stops compiling; values may decode as the new variant."),
                At::New,
                pointer.clone(),
            );
        }
        let order = |variants: &[UntaggedVariant]| -> Vec<Name> { variants.iter().map(|v| v.name.clone()).collect() };
        let kept_old: Vec<Name> = order(old).into_iter().filter(|n| new.iter().any(|v| &v.name == n)).collect();
        let kept_new: Vec<Name> = order(new).into_iter().filter(|n| old.iter().any(|v| &v.name == n)).collect();
        if kept_old != kept_new {
            self.push(
                Impact::Behaviour,
                item,
                None,
                format!("variants tried in another order: {}", kept_new.join(", ")),
                "A value that several variants accept may decode as another one.",
                At::New,
                pointer,
            );
        }
    }
}

fn wire_of(field: &Field) -> Option<String> {
    (field.name.trim_start_matches("r#") != field.wire).then(|| format!("JSON `{}`", field.wire))
}

fn http_of(operation: &Operation) -> String {
    format!("{} {}", operation.http_method.as_str(), operation.http_path)
}

/// Whether two bodies differ in more than the field that holds them (a field's changes are the
/// request type's).
fn body_kind_changed(a: &RequestBody, b: &RequestBody) -> bool {
    match (a, b) {
        (RequestBody::Field { field: f, kind: k, .. }, RequestBody::Field { field: g, kind: l, .. }) => {
            f != g || k != l
        }
        _ => a != b,
    }
}

fn param_shape(param: &Param) -> String {
    let explode = if param.explode { ", exploded" } else { "" };
    format!("{} `{}` ({}{explode})", location_name(param.location), param.wire, param.style)
}

fn payload_of(keys: &[TypeKey], payload: &Payload) -> String {
    match payload {
        Payload::Json(ty) => show(keys, ty),
        Payload::Text => "String".to_owned(),
        Payload::Bytes => "Vec<u8>".to_owned(),
        Payload::Empty => "nothing".to_owned(),
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// What tightens and what loosens from `a` to `b`, each labelled (`items: minimum 4 added`).
fn compare_constraints(
    a: &Constraints,
    b: &Constraints,
    prefix: &str,
    tighter: &mut Vec<String>,
    looser: &mut Vec<String>,
) {
    let mut compare = |label: &str, old: Option<f64>, new: Option<f64>, lower_bound: bool| match (old, new) {
        (None, Some(n)) => tighter.push(format!("{prefix}{label} {} added", number(n))),
        (Some(o), None) => looser.push(format!("{prefix}{label} {} removed", number(o))),
        (Some(o), Some(n)) if o != n => {
            let stricter = if lower_bound { n > o } else { n < o };
            let text = format!("{prefix}{label} {} → {}", number(o), number(n));
            if stricter {
                tighter.push(text)
            } else {
                looser.push(text)
            }
        }
        _ => {}
    };
    let count = |value: Option<usize>| value.map(|v| v as f64);
    compare("minLength", count(a.min_length), count(b.min_length), true);
    compare("maxLength", count(a.max_length), count(b.max_length), false);
    compare("minimum", a.minimum, b.minimum, true);
    compare("maximum", a.maximum, b.maximum, false);
    compare("minItems", count(a.min_items), count(b.min_items), true);
    compare("maxItems", count(a.max_items), count(b.max_items), false);
    // A pattern that matches everything is no constraint.
    let any =
        |p: &Option<String>| p.as_deref().filter(|p| !matches!(*p, ".*" | "^.*$" | "^.*" | ".*$")).map(str::to_owned);
    match (&any(&a.pattern), &any(&b.pattern)) {
        (None, Some(p)) => match &a.pattern {
            Some(everything) => tighter.push(format!("{prefix}pattern `{everything}` → `{p}`")),
            None => tighter.push(format!("{prefix}pattern `{p}` added")),
        },
        (Some(p), None) => match &b.pattern {
            Some(everything) => looser.push(format!("{prefix}pattern `{p}` → `{everything}`")),
            None => looser.push(format!("{prefix}pattern `{p}` removed")),
        },
        // Whether one pattern accepts all the other does is not decidable here: the new one may
        // reject what the old one accepted.
        (Some(p), Some(q)) if p != q => tighter.push(format!("{prefix}pattern `{p}` → `{q}`")),
        _ => {}
    }
    let none = Constraints::default();
    let (old_items, new_items) = (a.items.as_deref().unwrap_or(&none), b.items.as_deref().unwrap_or(&none));
    if old_items != new_items {
        compare_constraints(old_items, new_items, &format!("{prefix}items: "), tighter, looser);
    }
}

fn show_constraints(c: &Constraints) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &c.pattern {
        parts.push(format!("pattern `{p}`"));
    }
    for (label, value) in [
        ("minLength", c.min_length.map(|v| v as f64)),
        ("maxLength", c.max_length.map(|v| v as f64)),
        ("minimum", c.minimum),
        ("maximum", c.maximum),
        ("minItems", c.min_items.map(|v| v as f64)),
        ("maxItems", c.max_items.map(|v| v as f64)),
    ] {
        if let Some(value) = value {
            parts.push(format!("{label} {}", number(value)));
        }
    }
    if let Some(items) = &c.items {
        parts.push(format!("items: {}", show_constraints(items)));
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classification of new enum values rests on what the emitter writes: keep them in step.
    #[test]
    fn enums_are_exhaustive_as_the_emitter_writes_them() {
        let model = Model {
            types: vec![TypeDef {
                name: crate::naming::pascal_ident("Colour"),
                module: ModuleId::TYPES,
                schema: Some("colour".to_owned()),
                docs: Docs::default(),
                kind: TypeKind::Enum {
                    variants: vec![EnumVariant { name: crate::naming::value_variant("red"), wire: "red".to_owned() }],
                    unknown: crate::naming::unknown_variant(),
                },
                validate: false,
            }],
            modules: vec![
                Module { path: vec![crate::naming::types_module()], types: vec![TypeId(0)] },
                Module { path: vec![crate::naming::root_module()], types: Vec::new() },
            ],
            groups: Vec::new(),
            root: Group {
                module: crate::naming::root_module(),
                path: Vec::new(),
                client: Name::default(),
                operations: Vec::new(),
                module_id: ModuleId(1),
                subgroups: Vec::new(),
            },
        };
        let code: String = crate::emit::emit(&model, crate::Settings::default().target())
            .iter()
            .map(|file| file.tokens.to_string())
            .collect();
        assert!(code.contains("enum Colour"), "{code}");
        assert_eq!(!code.contains("non_exhaustive"), ENUMS_ARE_EXHAUSTIVE, "{code}");
    }

    #[test]
    fn list_and_item_constraints_tighten_and_loosen() {
        let old = Constraints { min_items: Some(1), ..Constraints::default() };
        let new = Constraints {
            max_items: Some(3),
            items: Some(Box::new(Constraints { minimum: Some(4.0), ..Constraints::default() })),
            ..Constraints::default()
        };
        let (mut tighter, mut looser) = (Vec::new(), Vec::new());
        compare_constraints(&old, &new, "", &mut tighter, &mut looser);
        assert_eq!(tighter, ["maxItems 3 added", "items: minimum 4 added"]);
        assert_eq!(looser, ["minItems 1 removed"]);
        assert_eq!(show_constraints(&new), "maxItems 3, items: minimum 4");
    }

    #[test]
    fn numbers_print_as_written() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(
            show_field(&[], &FieldType::OptionalNullable(TypeRef::Vec(Box::new(TypeRef::String))), false),
            "Nullable<Vec<String>>"
        );
    }
}
