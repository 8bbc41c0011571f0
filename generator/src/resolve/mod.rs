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
use schemas::{is_nullable, value_kind};

use crate::conventions::Conventions;

/// The model and the warnings about what was skipped or renamed.
#[derive(Debug)]
pub struct Resolved {
    pub model: Model,
    pub warnings: Vec<Diagnostic>,
}

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
        arena: Vec::new(),
        modules: BTreeMap::new(),
        components: BTreeMap::new(),
        in_request: false,
        inline_types: BTreeMap::new(),
    };
    // The module of shared schemas is the first, whatever the document holds.
    let types_module = resolver.module(&[naming::types_module()]).id;
    debug_assert_eq!(types_module, ModuleId::TYPES);
    resolver.components();
    let (groups, root) = resolver.operations();
    if resolver.errors.is_empty() {
        let warnings = std::mem::take(&mut resolver.warnings);
        let mut model = resolver.into_model(groups, root).map_err(|error| vec![error])?;
        crate::cycles::box_recursive_fields(&mut model);
        crate::growth::mark(&mut model);
        crate::validation::mark(&mut model);
        Ok(Resolved { model, warnings })
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

/// Types being defined in one module, in output order; a type's id is placed before its children are
/// defined, so that a type is printed before the inline types it contains.
struct ModuleTypes {
    id: ModuleId,
    scope: Scope,
    order: Vec<TypeId>,
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
    /// Every type by [`TypeId`]; `None` until it is defined, and for good when its definition failed.
    arena: Vec<Option<TypeDef>>,
    /// The modules by their Rust path from the crate root, the one place where a path is a key.
    modules: BTreeMap<Vec<Name>, ModuleTypes>,
    /// `components/schemas` name to the Rust type's name and id.
    components: BTreeMap<String, (Name, TypeId)>,
    /// Set while a request body is resolved: its inline objects get constructors and setters too.
    in_request: bool,
    /// Inline schemas already defined, by module, request context and JSON text.
    inline_types: BTreeMap<(Vec<Name>, bool, String), TypeRef>,
}

impl<'a> Resolver<'a> {
    fn error(&mut self, at: &Pointer, message: impl Into<String>) {
        self.errors.push(Diagnostic::at(at, message));
    }

    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Diagnostic::at(at, message));
    }

    fn components(&mut self) {
        let module = vec![naming::types_module()];
        let Some(components) = &self.api.components else { return };
        let schemas_pointer = Pointer::root().push("components").push("schemas");
        // Names first, so that every `$ref` resolves whatever the order of definitions.
        for name in components.schemas.keys() {
            let rust_name = naming::pascal_ident(name);
            let origin = schemas_pointer.push(name);
            match self.module(&module).scope.claim(&rust_name, origin.as_str()) {
                Ok(()) => {
                    let id = self.allocate();
                    self.components.insert(name.clone(), (rust_name, id));
                }
                Err(earlier) => {
                    // Deterministic: the document's order decides which schema keeps the plain name.
                    let numbered = self.module(&module).scope.claim_free(&rust_name, origin.as_str());
                    self.warn(
                        &origin,
                        format!("schema name `{name}` becomes the Rust type `{rust_name}`, as does {earlier}; this one is `{numbered}`"),
                    );
                    let id = self.allocate();
                    self.components.insert(name.clone(), (numbered, id));
                }
            }
        }
        for (name, schema) in &components.schemas {
            let Some((rust_name, id)) = self.components.get(name).cloned() else { continue };
            let pointer = schemas_pointer.push(name);
            // Placed in output order now, although its id was known to every `$ref` before.
            self.module(&module).order.push(id);
            let (kind, docs) = match schema {
                ReferenceOr::Reference { reference } => (
                    self.type_of(SchemaRef::Ref(reference), &pointer, &module, &rust_name).map(TypeKind::Alias),
                    Docs::default(),
                ),
                ReferenceOr::Item(schema) => {
                    (self.kind_of(schema, &pointer, &module, &rust_name, false, None), docs_of(&schema.schema_data))
                }
            };
            self.fill(&module, id, rust_name, docs, kind);
            if let Some(def) = &mut self.arena[id.0 as usize] {
                def.schema = Some(name.clone());
            }
        }
    }

    /// The module at `path`, made (and given the next id) on first use.
    fn module(&mut self, path: &[Name]) -> &mut ModuleTypes {
        let next = ModuleId(self.modules.len() as u32);
        self.modules.entry(path.to_vec()).or_insert_with(|| ModuleTypes {
            id: next,
            scope: Scope::default(),
            order: Vec::new(),
        })
    }

    /// A new type's id, before its definition, so that references to it can be made first.
    fn allocate(&mut self) -> TypeId {
        self.arena.push(None);
        TypeId((self.arena.len() - 1) as u32)
    }

    /// A new type's id, placed next in `module`'s output order.
    fn reserve(&mut self, module: &[Name]) -> TypeId {
        let id = self.allocate();
        self.module(module).order.push(id);
        id
    }

    /// Defines the type `id` of `module`; a failed definition (`None`, already reported) leaves it out.
    fn fill(&mut self, module: &[Name], id: TypeId, name: Name, docs: Docs, kind: Option<TypeKind>) {
        let module = self.module(module).id;
        self.arena[id.0 as usize] =
            kind.map(|kind| TypeDef { name, module, schema: None, docs, kind, validate: false });
    }

    /// The type `id` as defined so far.
    fn defined(&self, id: TypeId) -> Option<&TypeDef> {
        self.arena.get(id.0 as usize)?.as_ref()
    }

    /// Defines an inline schema as a named type in `module`, renaming it if the name is taken. An inline
    /// schema identical to one already defined in the module reuses that type.
    fn define_inline(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        module: &[Name],
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
        // component's property) refers to its own id instead of defining itself again, for ever.
        let id = self.reserve(module);
        let reference = TypeRef::Named(id);
        self.inline_types.insert(key.clone(), reference.clone());
        let kind = self.kind_of(schema, pointer, module, &name, self.in_request, None);
        let defined = kind.is_some();
        self.fill(module, id, name, docs_of(&schema.schema_data), kind);
        if !defined {
            self.inline_types.remove(&key);
        }
        defined.then_some(reference)
    }

    /// The model: the arena without the types whose definition failed (their ids renumbered), each
    /// module's types in output order, and each operation's `owned_types` turned from positions in
    /// its module's order into positions among the types that were defined.
    fn into_model(self, mut groups: Vec<Group>, mut root: Group) -> Result<Model, Diagnostic> {
        let mut new_id: Vec<Option<TypeId>> = Vec::with_capacity(self.arena.len());
        let mut types = Vec::with_capacity(self.arena.len());
        for definition in self.arena {
            new_id.push(definition.as_ref().map(|_| TypeId(types.len() as u32)));
            types.extend(definition);
        }
        let renumber = |id: TypeId| new_id[id.0 as usize];
        let is_defined = |id: &TypeId| renumber(*id).is_some();
        // By module id: the module with the ids of its defined types (renumbered below, with every
        // other id of the model), and its whole order, failed definitions included.
        let mut modules = vec![Module { path: Vec::new(), types: Vec::new() }; self.modules.len()];
        let mut orders: Vec<Vec<TypeId>> = vec![Vec::new(); self.modules.len()];
        for (path, module) in self.modules {
            let index = module.id.0 as usize;
            modules[index] = Module { path, types: module.order.iter().copied().filter(is_defined).collect() };
            orders[index] = module.order;
        }
        fn renumber_owned(group: &mut Group, orders: &[Vec<TypeId>], is_defined: &dyn Fn(&TypeId) -> bool) {
            let order = &orders[group.module_id.0 as usize];
            // The position a type takes once the failed definitions are left out.
            let defined_before = |position: usize| order[..position].iter().filter(|id| is_defined(id)).count();
            for operation in &mut group.operations {
                let owned = operation.owned_types.clone();
                operation.owned_types = defined_before(owned.start)..defined_before(owned.end);
            }
            for subgroup in &mut group.subgroups {
                renumber_owned(subgroup, orders, is_defined);
            }
        }
        for group in groups.iter_mut().chain([&mut root]) {
            renumber_owned(group, &orders, &is_defined);
        }
        let mut model = Model { types, modules, groups, root };
        let mut dangling = false;
        model.renumber_types(|id| {
            let renumbered = renumber(id);
            dangling |= renumbered.is_none();
            renumbered.unwrap_or(id)
        });
        // A failed definition is always reported where it failed; this is the net under that rule.
        if dangling {
            return Err(Diagnostic::at(
                &Pointer::root(),
                "internal error in seam-codegen (please report): a type whose definition failed silently is referred to",
            ));
        }
        Ok(model)
    }
}
