//! Stage 2: from `openapiv3` to the generator's [`Model`]. Every `$ref` is resolved, every name
//! decided (through [`crate::naming`]) and every unsupported construct reported with its JSON pointer.
//! All errors are collected, not just the first.

use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::*;
use crate::naming::{self, Scope};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaData, SchemaKind,
    StatusCode, Type, VariantOrUnknownOrEmpty,
};
use std::collections::BTreeMap;

mod bodies;
mod docs;
mod objects;
mod operations;
mod references;
mod schemas;
mod unions;

use docs::{apply_extensions, at_path, docs_of};
use schemas::{constraints_of, is_nullable, value_kind};

use crate::conventions::Conventions;

/// The model and the warnings about what was skipped or renamed.
#[derive(Debug)]
pub struct Resolved {
    pub model: Model,
    pub warnings: Vec<Diagnostic>,
}

const TYPES_MODULE: &str = "types";
const SCHEMAS_PREFIX: &str = "#/components/schemas/";

/// `drop_undocumented` leaves out operations and properties marked `x-undocumented`; by default they
/// are generated and hidden from rustdoc.
pub fn resolve(api: &OpenAPI, drop_undocumented: bool, conventions: &Conventions) -> Result<Resolved, Vec<Diagnostic>> {
    let mut resolver = Resolver {
        api,
        conventions,
        drop_undocumented,
        errors: Vec::new(),
        warnings: Vec::new(),
        modules: BTreeMap::new(),
        components: BTreeMap::new(),
        in_request: false,
        inline_types: BTreeMap::new(),
    };
    let types = resolver.components();
    let (groups, root) = resolver.operations();
    if resolver.errors.is_empty() {
        let mut model = Model { types, groups, root };
        crate::cycles::box_recursive_fields(&mut model);
        crate::growth::mark(&mut model);
        Ok(Resolved { model, warnings: resolver.warnings })
    } else {
        resolver.errors.sort();
        resolver.errors.dedup();
        Err(resolver.errors)
    }
}

/// A schema position: a `$ref` or an inline schema.
#[derive(Clone, Copy)]
enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// Types being defined in one module, in output order; a slot is reserved before its children are defined
/// so that a type is printed before the inline types it contains.
#[derive(Default)]
struct ModuleTypes {
    scope: Scope,
    slots: Vec<Option<TypeDef>>,
}

/// The object shape of a schema, gathered across `allOf` parts.
#[derive(Default)]
struct ObjectShape<'a> {
    properties: Vec<(&'a str, SchemaRef<'a>, Pointer)>,
    required: Vec<String>,
    /// `x-mutually-exclusive` groups (wire names), with where they were given.
    exclusive: Vec<(serde_json::Value, Pointer)>,
    /// `x-at-least-one` groups (wire names), with where they were given.
    at_least_one: Vec<(serde_json::Value, Pointer)>,
    additional: Option<(&'a AdditionalProperties, Pointer)>,
}

struct Resolver<'a> {
    api: &'a OpenAPI,
    conventions: &'a Conventions,
    drop_undocumented: bool,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    modules: BTreeMap<Vec<String>, ModuleTypes>,
    /// `components/schemas` name to Rust type name.
    components: BTreeMap<String, String>,
    /// Set while a request body is resolved: its inline objects get constructors and setters too.
    in_request: bool,
    /// Inline schemas already defined, by module, request context and JSON text.
    inline_types: BTreeMap<(Vec<String>, bool, String), TypeRef>,
}

impl<'a> Resolver<'a> {
    fn error(&mut self, at: &Pointer, message: impl Into<String>) {
        self.errors.push(Diagnostic::at(at, message));
    }

    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Diagnostic::at(at, message));
    }

    fn components(&mut self) -> Vec<TypeDef> {
        let module = vec![TYPES_MODULE.to_owned()];
        let Some(components) = &self.api.components else { return Vec::new() };
        let schemas_pointer = Pointer::root().push("components").push("schemas");
        // Names first, so that every `$ref` resolves whatever the order of definitions.
        for name in components.schemas.keys() {
            let rust_name = naming::pascal_ident(name);
            let origin = schemas_pointer.push(name);
            match self.module(&module).scope.claim(&rust_name, origin.as_str()) {
                Ok(()) => {
                    self.components.insert(name.clone(), rust_name);
                }
                Err(earlier) => {
                    // Deterministic: the document's order decides which schema keeps the plain name.
                    let numbered = self.module(&module).scope.claim_free(&rust_name, origin.as_str());
                    self.warn(
                        &origin,
                        format!("schema name `{name}` becomes the Rust type `{rust_name}`, as does {earlier}; this one is `{numbered}`"),
                    );
                    self.components.insert(name.clone(), numbered);
                }
            }
        }
        for (name, schema) in &components.schemas {
            let Some(rust_name) = self.components.get(name).cloned() else { continue };
            let pointer = schemas_pointer.push(name);
            let slot = self.reserve(&module);
            let definition = match schema {
                ReferenceOr::Reference { reference } => self
                    .type_of(SchemaRef::Ref(reference), &pointer, &module, &rust_name)
                    .map(|ty| TypeDef { name: rust_name.clone(), docs: Docs::default(), kind: TypeKind::Alias(ty) }),
                ReferenceOr::Item(schema) => self
                    .kind_of(schema, &pointer, &module, &rust_name, false, None)
                    .map(|kind| TypeDef { name: rust_name.clone(), docs: docs_of(&schema.schema_data), kind }),
            };
            self.fill(&module, slot, definition);
        }
        // Kept in `modules` too: operations look into shared types (the shape of `pagination`).
        self.modules.get(&module).map(|types| types.slots.iter().flatten().cloned().collect()).unwrap_or_default()
    }

    fn module(&mut self, module: &[String]) -> &mut ModuleTypes {
        self.modules.entry(module.to_vec()).or_default()
    }

    fn reserve(&mut self, module: &[String]) -> usize {
        let types = self.module(module);
        types.slots.push(None);
        types.slots.len() - 1
    }

    fn fill(&mut self, module: &[String], slot: usize, definition: Option<TypeDef>) {
        self.module(module).slots[slot] = definition;
    }

    /// Defines an inline schema as a named type in `module`, renaming it if the name is taken. An inline
    /// schema identical to one already defined in the module reuses that type.
    fn define_inline(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        module: &[String],
        wanted: &str,
    ) -> Option<TypeRef> {
        let key = (module.to_vec(), self.in_request, serde_json::to_string(schema).unwrap_or_default());
        if let Some(existing) = self.inline_types.get(&key) {
            return Some(existing.clone());
        }
        let name = self.module(module).scope.claim_free(wanted, pointer.as_str());
        if name != wanted {
            self.warn(pointer, format!("inline schema named `{name}` because `{wanted}` is already taken"));
        }
        // Known before its contents are resolved, so an inline schema that contains itself (through a
        // component's property) refers to its own name instead of defining itself again, for ever.
        let reference = TypeRef::Named { module: module.to_vec(), name: name.clone() };
        self.inline_types.insert(key.clone(), reference.clone());
        let slot = self.reserve(module);
        let kind = self.kind_of(schema, pointer, module, &name, self.in_request, None);
        let definition = kind.map(|kind| TypeDef { name, docs: docs_of(&schema.schema_data), kind });
        let defined = definition.is_some();
        self.fill(module, slot, definition);
        if !defined {
            self.inline_types.remove(&key);
        }
        defined.then_some(reference)
    }

    fn collect_group_types(&mut self, groups: &mut [Group]) {
        for group in groups {
            let module: Vec<String> = group.path.iter().map(|s| naming::snake_ident(s)).collect();
            group.types = self.take_module_types(&module, &mut group.operations);
            self.collect_group_types(&mut group.subgroups);
        }
    }

    /// The types of a module, in output order, with each operation's `owned_types` turned from slots
    /// into indices of that list.
    fn take_module_types(&mut self, module: &[String], operations: &mut [Operation]) -> Vec<TypeDef> {
        let slots = self.modules.remove(module).map(|t| t.slots).unwrap_or_default();
        let holds =
            |slot: usize, name: &str| slots.get(slot).and_then(Option::as_ref).is_some_and(|def| def.name == name);
        // The index a slot's type takes once the empty slots (of failed definitions) are left out.
        let mut index_of_slot = Vec::with_capacity(slots.len() + 1);
        let mut defined = 0;
        for slot in &slots {
            index_of_slot.push(defined);
            defined += usize::from(slot.is_some());
        }
        index_of_slot.push(defined);
        for operation in operations {
            let owned = operation.owned_types.clone();
            operation.owned_types = index_of_slot[owned.start]..index_of_slot[owned.end];
            debug_assert!(
                holds(operation.request_type, &operation.request),
                "the request type of {} is not in its slot",
                operation.http_path
            );
            operation.request_type = index_of_slot[operation.request_type];
        }
        slots.into_iter().flatten().collect()
    }
}
