//! `$ref`s: components by name, dangling references, and looking a schema up through them.

use super::*;

impl<'a> Resolver<'a> {
    /// What a `$ref` into one section of `components` (`responses`, `parameters`, `requestBodies`)
    /// names, with its pointer; an inline item is itself. A reference to nothing is an error at `at`.
    pub(super) fn component_item<T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        at: &Pointer,
        section: &str,
        kind: &str,
        pick: impl Fn(&'a openapiv3::Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'a T, Pointer)> {
        let found = self.find_component_item(item, at, section, pick);
        if let (None, ReferenceOr::Reference { reference }) = (&found, item) {
            self.error(at, format!("$ref `{reference}` points to no {kind} in #/components/{section}"));
        }
        found
    }

    /// [`component_item`](Self::component_item) without reporting anything.
    pub(super) fn find_component_item<T>(
        &self,
        item: &'a ReferenceOr<T>,
        at: &Pointer,
        section: &str,
        pick: impl Fn(&'a openapiv3::Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'a T, Pointer)> {
        let reference = match item {
            ReferenceOr::Item(item) => return Some((item, at.clone())),
            ReferenceOr::Reference { reference } => reference,
        };
        let key = reference.strip_prefix(&format!("#/components/{section}/"))?;
        match pick(self.api.components.as_ref()?).get(key)? {
            ReferenceOr::Item(item) => Some((item, Pointer::root().push("components").push(section).push(key))),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// The component schema a `$ref` names, without reporting anything.
    pub(super) fn resolve_component(&self, reference: &str) -> Option<&'a Schema> {
        let name = reference.strip_prefix(SCHEMAS_PREFIX)?;
        match self.api.components.as_ref()?.schemas.get(name)? {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.resolve_component(reference),
        }
    }

    pub(super) fn component_ref(&mut self, reference: &str, pointer: &Pointer) -> Option<TypeRef> {
        match reference.strip_prefix(SCHEMAS_PREFIX).and_then(|name| self.components.get(name)) {
            Some((_, id)) => Some(TypeRef::Named(*id)),
            None => {
                self.dangling(reference, pointer);
                None
            }
        }
    }

    pub(super) fn dangling(&mut self, reference: &str, pointer: &Pointer) {
        let message = if let Some(name) = reference.strip_prefix(SCHEMAS_PREFIX) {
            let names: Vec<&str> = self.components.keys().map(String::as_str).collect();
            let hint = match crate::lint::closest(name, &names) {
                Some(meant) => format!("; did you mean `{SCHEMAS_PREFIX}{meant}`?"),
                None => String::new(),
            };
            format!("$ref `{reference}` points to no schema in #/components/schemas{hint}")
        } else {
            format!("$ref `{reference}` is not supported here; refer to a schema as `{SCHEMAS_PREFIX}<name>`")
        };
        self.error(pointer, message);
    }

    /// Follows `$ref`s to the schema they name.
    pub(super) fn lookup(&mut self, schema: SchemaRef<'a>, pointer: &Pointer) -> Option<(&'a Schema, Pointer)> {
        let mut current = schema;
        let mut at = pointer.clone();
        for _ in 0..32 {
            match current {
                SchemaRef::Inline(schema) => return Some((schema, at)),
                SchemaRef::Ref(reference) => {
                    let api = self.api;
                    let found = reference
                        .strip_prefix(SCHEMAS_PREFIX)
                        .and_then(|name| api.components.as_ref()?.schemas.get(name).map(|s| (name, s)));
                    match found {
                        Some((name, next)) => {
                            at = Pointer::root().push("components").push("schemas").push(name);
                            current = next.into();
                        }
                        None => {
                            self.dangling(reference, &at);
                            return None;
                        }
                    }
                }
            }
        }
        self.error(pointer, "$ref chain does not end in a schema (a cycle of references)");
        None
    }
}
