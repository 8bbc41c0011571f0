//! Doc comments from descriptions and extensions (`x-deprecated`, `x-draft`, `x-undocumented`).

use super::*;

/// `#/paths/~1acs~1credentials~1create/post` as `POST /acs/credentials/create` for docs.
pub(super) fn at_path(at: &Pointer) -> String {
    let text = at.as_str().trim_start_matches("#/paths/");
    let (path, method) = text.rsplit_once('/').unwrap_or((text, "post"));
    format!("{} {}", method.to_uppercase(), path.replace("~1", "/").replace("~0", "~"))
}

pub(super) fn docs_of(data: &SchemaData) -> Docs {
    let mut docs = Docs {
        title: data.title.clone(),
        description: data.description.clone(),
        default: data.default.as_ref().map(|value| value.to_string()),
        deprecated: data.deprecated.then(String::new),
        ..Docs::default()
    };
    apply_extensions(&mut docs, &data.extensions);
    docs
}

pub(super) fn apply_extensions(docs: &mut Docs, extensions: &IndexMap<String, serde_json::Value>) {
    if let Some(note) = extensions.get("x-deprecated") {
        docs.deprecated = Some(note.as_str().unwrap_or_default().to_owned());
    }
    if let Some(note) = extensions.get("x-draft") {
        docs.draft = Some(note.as_str().unwrap_or_default().to_owned());
    }
    if let Some(value) = extensions.get("x-undocumented") {
        docs.hidden = value != &serde_json::Value::Bool(false);
    }
}
