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

mod operations;

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

    /// What a `$ref` into one section of `components` (`responses`, `parameters`, `requestBodies`)
    /// names, with its pointer; an inline item is itself. A reference to nothing is an error at `at`.
    fn component_item<T>(
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
    fn find_component_item<T>(
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
    fn resolve_component(&self, reference: &str) -> Option<&'a Schema> {
        let name = reference.strip_prefix(SCHEMAS_PREFIX)?;
        match self.api.components.as_ref()?.schemas.get(name)? {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.resolve_component(reference),
        }
    }

    // ----- components -----

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

    // ----- references -----

    fn component_ref(&mut self, reference: &str, pointer: &Pointer) -> Option<TypeRef> {
        match reference.strip_prefix(SCHEMAS_PREFIX).and_then(|name| self.components.get(name)) {
            Some(name) => Some(TypeRef::Named { module: vec![TYPES_MODULE.to_owned()], name: name.clone() }),
            None => {
                self.dangling(reference, pointer);
                None
            }
        }
    }

    fn dangling(&mut self, reference: &str, pointer: &Pointer) {
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
    fn lookup(&mut self, schema: SchemaRef<'a>, pointer: &Pointer) -> Option<(&'a Schema, Pointer)> {
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

    // ----- schemas -----

    /// The Rust type for a schema in a field, item or variant position; inline objects, enums and unions
    /// become named types called `inline_name`.
    fn type_of(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        module: &[String],
        inline_name: &str,
    ) -> Option<TypeRef> {
        let schema = match schema {
            SchemaRef::Ref(reference) => return self.component_ref(reference, pointer),
            SchemaRef::Inline(schema) => schema,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                if string.enumeration.iter().any(Option::is_some) {
                    self.define_inline(schema, pointer, module, inline_name)
                } else if matches!(string.format, VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime)) {
                    Some(TypeRef::DateTime)
                } else {
                    Some(TypeRef::String)
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                if !integer.enumeration.is_empty() {
                    self.warn(pointer, "integer enum generated as a plain integer; its values are not checked");
                }
                Some(match integer.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                    _ => TypeRef::I64,
                })
            }
            SchemaKind::Type(Type::Number(number)) => Some(match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            }),
            SchemaKind::Type(Type::Boolean(_)) => Some(TypeRef::Bool),
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item_name = format!("{inline_name}Item");
                    let item = self.type_of(items.into(), &pointer.push("items"), module, &item_name)?;
                    Some(TypeRef::Vec(Box::new(item)))
                }
                None => {
                    self.warn(pointer, "array without `items`: its items are generated as any JSON value");
                    Some(TypeRef::Vec(Box::new(TypeRef::Json)))
                }
            },
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                self.map_of(object.additional_properties.as_ref(), pointer, module, inline_name)
            }
            SchemaKind::Type(Type::Object(_)) | SchemaKind::OneOf { .. } => {
                self.define_inline(schema, pointer, module, inline_name)
            }
            SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                // `allOf: [$ref]` is how OpenAPI 3.0 attaches `nullable` or a description to a reference.
                [ReferenceOr::Reference { reference }] => self.component_ref(reference, &pointer.push("allOf").push(0)),
                // So is `allOf: [$ref, {description: ...}]`, as AWS's documents write it: the parts
                // beside the one reference only annotate it.
                parts if annotated_reference(parts).is_some() => {
                    let (index, reference) = annotated_reference(parts).expect("checked by the guard");
                    self.component_ref(reference, &pointer.push("allOf").push(index))
                }
                _ => self.define_inline(schema, pointer, module, inline_name),
            },
            SchemaKind::AnyOf { .. } => self.define_inline(schema, pointer, module, inline_name),
            SchemaKind::Not { .. } => {
                self.unsupported(pointer, "`not`", "remove it; Rust types cannot express a negation");
                None
            }
            SchemaKind::Any(_) => self.any_schema(schema, pointer, module, inline_name),
        }
    }

    fn any_schema(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        module: &[String],
        inline_name: &str,
    ) -> Option<TypeRef> {
        let SchemaKind::Any(any) = &schema.schema_kind else {
            return self.define_inline(schema, pointer, module, inline_name);
        };
        if *any == openapiv3::AnySchema::default() {
            return Some(TypeRef::Json);
        }
        let is_object = matches!(any.typ.as_deref(), None | Some("object"))
            && any.one_of.is_empty()
            && any.any_of.is_empty()
            && any.not.is_none()
            && any.items.is_none()
            && any.enumeration.is_empty();
        if is_object && any.properties.is_empty() && any.all_of.is_empty() {
            return self.map_of(any.additional_properties.as_ref(), pointer, module, inline_name);
        }
        if is_object || any_union(any).is_some() || any_string_enum(any).is_some() {
            return self.define_inline(schema, pointer, module, inline_name);
        }
        // A type's keywords beside another type's (`type: integer` with `minLength`, `type: array` with
        // `enum`): the type decides, and the rest is ignored, out loud.
        let primitive = match any.typ.as_deref() {
            Some("string") if any.format.as_deref() == Some("date-time") => Some(TypeRef::DateTime),
            Some("string") => Some(TypeRef::String),
            Some("integer") if any.format.as_deref() == Some("int32") => Some(TypeRef::I32),
            Some("integer") => Some(TypeRef::I64),
            Some("number") if any.format.as_deref() == Some("float") => Some(TypeRef::F32),
            Some("number") => Some(TypeRef::F64),
            Some("boolean") => Some(TypeRef::Bool),
            Some("array") => match &any.items {
                Some(items) => {
                    let item =
                        self.type_of(items.into(), &pointer.push("items"), module, &format!("{inline_name}Item"))?;
                    Some(TypeRef::Vec(Box::new(item)))
                }
                None => Some(TypeRef::Vec(Box::new(TypeRef::Json))),
            },
            Some("object") if any.items.is_some() => Some(TypeRef::Map(Box::new(TypeRef::Json))),
            _ => None,
        };
        if let Some(primitive) = primitive {
            let typ = any.typ.as_deref().unwrap_or_default();
            self.warn(
                pointer,
                format!("keywords that do not belong to `type: {typ}` are ignored (constraints of another type, or `enum` values that are not all of this type)"),
            );
            return Some(primitive);
        }
        let mut keywords = Vec::new();
        if let Some(typ) = &any.typ {
            keywords.push(format!("type: {typ}"));
        }
        for (present, keyword) in [
            (!any.one_of.is_empty(), "oneOf"),
            (!any.any_of.is_empty(), "anyOf"),
            (!any.all_of.is_empty(), "allOf"),
            (any.not.is_some(), "not"),
            (!any.properties.is_empty(), "properties"),
            (any.items.is_some(), "items"),
            (!any.enumeration.is_empty(), "enum"),
            (any.minimum.is_some() || any.maximum.is_some(), "minimum/maximum"),
            (any.pattern.is_some(), "pattern"),
        ] {
            if present {
                keywords.push(keyword.to_owned());
            }
        }
        self.unsupported(
            pointer,
            &format!("this combination of keywords ({})", keywords.join(", ")),
            "give the schema a single `type` with the keywords that belong to it",
        );
        None
    }

    fn map_of(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        pointer: &Pointer,
        module: &[String],
        inline_name: &str,
    ) -> Option<TypeRef> {
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value_name = format!("{inline_name}Value");
                self.type_of((&**schema).into(), &pointer.push("additionalProperties"), module, &value_name)?
            }
            _ => TypeRef::Json,
        };
        Some(TypeRef::Map(Box::new(value)))
    }

    fn unsupported(&mut self, pointer: &Pointer, what: &str, hint: &str) {
        self.error(pointer, format!("{what} is not supported by seam-codegen; {hint}"));
    }

    /// The definition of a named type. `builder` marks request bodies; `skip` drops one property
    /// (a union's tag, which the union writes itself, or the envelope's `ok`).
    fn kind_of(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        module: &[String],
        name: &str,
        builder: bool,
        skip: Option<&str>,
    ) -> Option<TypeKind> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if string.enumeration.iter().any(Option::is_some) => {
                self.enum_of(string.enumeration.iter().flatten(), pointer)
            }
            SchemaKind::Any(any) if any_string_enum(any).is_some() => {
                let values = any_string_enum(any).unwrap_or_default();
                if values.len() < any.enumeration.len() {
                    self.warn(pointer, "`enum` values that are not strings are ignored");
                }
                self.enum_of(values.into_iter(), pointer)
            }
            SchemaKind::Any(any) if any_union(any).is_some() => {
                let (keyword, branches) = any_union(any).expect("checked by the guard");
                match &schema.schema_data.discriminator {
                    Some(discriminator) if keyword == "oneOf" => {
                        self.union_of(Some(discriminator), branches, pointer, module, name)
                    }
                    _ => self.untagged_of(branches, &pointer.push(keyword), module, name),
                }
            }
            SchemaKind::OneOf { one_of } if schema.schema_data.discriminator.is_some() => {
                self.union_of(schema.schema_data.discriminator.as_ref(), one_of, pointer, module, name)
            }
            SchemaKind::OneOf { one_of } if !(self.in_request && self.all_objects(one_of)) => {
                self.untagged_of(one_of, &pointer.push("oneOf"), module, name)
            }
            SchemaKind::AnyOf { any_of } if !(self.in_request && self.all_objects(any_of)) => {
                self.untagged_of(any_of, &pointer.push("anyOf"), module, name)
            }
            // A named map (`additionalProperties` alone) is an alias of a map, not an empty struct.
            SchemaKind::Type(Type::Object(object))
                if object.properties.is_empty() && !builder && object.additional_properties.is_some() =>
            {
                self.type_of(SchemaRef::Inline(schema), pointer, module, name).map(TypeKind::Alias)
            }
            SchemaKind::Type(Type::Object(_))
            | SchemaKind::AllOf { .. }
            | SchemaKind::Any(_)
            | SchemaKind::OneOf { .. }
            | SchemaKind::AnyOf { .. } => {
                let mut shape = ObjectShape::default();
                if self.shape_of(schema, pointer, &mut shape, 0) {
                    self.struct_of(shape, module, name, builder, skip).map(TypeKind::Struct)
                } else {
                    self.type_of(SchemaRef::Inline(schema), pointer, module, name).map(TypeKind::Alias)
                }
            }
            _ => self.type_of(SchemaRef::Inline(schema), pointer, module, name).map(TypeKind::Alias),
        }
    }

    /// Gathers the properties of an object schema, merging `allOf` parts. Returns false when the schema
    /// is not an object (the caller then treats it as an alias).
    fn shape_of(&mut self, schema: &'a Schema, pointer: &Pointer, shape: &mut ObjectShape<'a>, depth: usize) -> bool {
        if depth > 16 {
            self.error(pointer, "`allOf` nested too deeply (a cycle through allOf?)");
            return true;
        }
        let (properties, required, additional) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                (&object.properties, &object.required, object.additional_properties.as_ref())
            }
            SchemaKind::Any(any)
                if matches!(any.typ.as_deref(), None | Some("object"))
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                    && any.not.is_none()
                    && any.items.is_none()
                    && any.enumeration.is_empty()
                    && (!any.properties.is_empty() || !any.all_of.is_empty()) =>
            {
                for (index, part) in any.all_of.iter().enumerate() {
                    self.merge_part(part, &pointer.push("allOf").push(index), shape, depth);
                }
                (&any.properties, &any.required, any.additional_properties.as_ref())
            }
            SchemaKind::AllOf { all_of } => {
                for (index, part) in all_of.iter().enumerate() {
                    self.merge_part(part, &pointer.push("allOf").push(index), shape, depth);
                }
                return true;
            }
            SchemaKind::OneOf { one_of: branches } | SchemaKind::AnyOf { any_of: branches }
                if self.in_request && self.all_objects(branches) =>
            {
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
                self.merge_alternatives(branches, &pointer.push(keyword), shape, depth);
                return true;
            }
            _ => return false,
        };
        self.add_properties(properties, pointer, shape);
        if let Some(groups) = schema.schema_data.extensions.get("x-mutually-exclusive") {
            shape.exclusive.push((groups.clone(), pointer.push("x-mutually-exclusive")));
        }
        if let Some(groups) = schema.schema_data.extensions.get("x-at-least-one") {
            shape.at_least_one.push((groups.clone(), pointer.push("x-at-least-one")));
        }
        for name in required {
            if !shape.required.contains(name) {
                shape.required.push(name.clone());
            }
        }
        if let Some(additional) = additional {
            shape.additional = Some((additional, pointer.push("additionalProperties")));
        }
        true
    }

    fn add_properties(
        &mut self,
        properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
        pointer: &Pointer,
        shape: &mut ObjectShape<'a>,
    ) {
        for (wire, schema) in properties {
            let at = pointer.push("properties").push(wire);
            match shape.properties.iter_mut().find(|(existing, _, _)| *existing == wire.as_str()) {
                // A later allOf part restating a property refines it; the last statement wins.
                Some(existing) => *existing = (wire, schema.into(), at),
                None => shape.properties.push((wire, schema.into(), at)),
            }
        }
    }

    /// Alternatives in a request body become one struct: a caller sets the fields of the alternative
    /// they mean. A field is required only when every alternative requires it.
    fn merge_alternatives(
        &mut self,
        branches: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) {
        let mut required_in_all: Option<Vec<String>> = None;
        for (index, branch) in branches.iter().enumerate() {
            let mut branch_shape = ObjectShape::default();
            let at = pointer.push(index);
            let Some((schema, schema_at)) = self.lookup(branch.into(), &at) else { continue };
            if !self.shape_of(schema, &schema_at, &mut branch_shape, depth + 1) {
                self.unsupported(
                    &at,
                    "a request alternative that is not an object",
                    "make every alternative an object",
                );
                continue;
            }
            required_in_all = Some(match required_in_all {
                None => branch_shape.required.clone(),
                Some(required) => required.into_iter().filter(|r| branch_shape.required.contains(r)).collect(),
            });
            for (wire, schema, at) in branch_shape.properties {
                if !shape.properties.iter().any(|(existing, _, _)| *existing == wire) {
                    shape.properties.push((wire, schema, at));
                }
            }
            if branch_shape.additional.is_some() {
                shape.additional = branch_shape.additional;
            }
        }
        for name in required_in_all.unwrap_or_default() {
            if !shape.required.contains(&name) {
                shape.required.push(name);
            }
        }
    }

    fn merge_part(
        &mut self,
        part: &'a ReferenceOr<Schema>,
        pointer: &Pointer,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) {
        let Some((schema, at)) = self.lookup(part.into(), pointer) else { return };
        if !self.shape_of(schema, &at, shape, depth + 1) {
            self.unsupported(
                pointer,
                "an `allOf` part that is not an object",
                "merge only object schemas with `allOf`",
            );
        }
    }

    fn struct_of(
        &mut self,
        shape: ObjectShape<'a>,
        module: &[String],
        name: &str,
        builder: bool,
        skip: Option<&str>,
    ) -> Option<Struct> {
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        let mut complete = true;
        for (wire, schema, at) in shape.properties {
            if Some(wire) == skip {
                continue;
            }
            if self.drop_undocumented
                && matches!(schema, SchemaRef::Inline(s) if s.schema_data.extensions.contains_key("x-undocumented"))
            {
                continue;
            }
            let wanted = naming::snake_ident(wire);
            let field_name = match scope.claim(&wanted, at.as_str()) {
                Ok(()) => wanted,
                Err(earlier) => {
                    let numbered = scope.claim_free(&naming::numbered_base(&wanted), at.as_str());
                    self.warn(
                        &at,
                        format!("property `{wire}` is the field `{numbered}`: `{wanted}` is the property at {earlier}"),
                    );
                    numbered
                }
            };
            let Some(ty) = self.type_of(schema, &at, module, &naming::inline_type(name, wire)) else {
                complete = false;
                continue;
            };
            let (nullable, docs, constraints) = match schema {
                SchemaRef::Inline(schema) => {
                    (is_nullable(schema), docs_of(&schema.schema_data), constraints_of(schema))
                }
                SchemaRef::Ref(_) => (false, Docs::default(), Constraints::default()),
            };
            let required = shape.required.iter().any(|r| r == wire);
            let ty = match (required, nullable) {
                (true, false) => FieldType::Required(ty),
                (true, true) => FieldType::RequiredNullable(ty),
                (false, false) => FieldType::Optional(ty),
                (false, true) => FieldType::OptionalNullable(ty),
            };
            if let Some(pattern) = &constraints.pattern {
                if let Err(error) = regex_lite::Regex::new(pattern) {
                    self.warn(&at, format!("pattern `{pattern}` is not checked before sending: {error}"));
                }
            }
            fields.push(Field { name: field_name, wire: wire.to_owned(), ty, docs, constraints, boxed: false });
        }
        let additional = match shape.additional {
            Some((AdditionalProperties::Any(false), _)) | None => None,
            Some((additional, at)) => {
                let taken: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
                let field = naming::additional_properties_field(&taken);
                let value = match additional {
                    AdditionalProperties::Schema(schema) => {
                        self.type_of((&**schema).into(), &at, module, &format!("{name}Value"))?
                    }
                    AdditionalProperties::Any(_) => TypeRef::Json,
                };
                Some((field, value))
            }
        };
        let exclusive = self.field_groups(&shape.exclusive, &fields, "cannot exclude another property");
        let at_least_one = self.field_groups(&shape.at_least_one, &fields, "is always given: the rule says nothing");
        complete.then_some(Struct { fields, additional, builder, exclusive, at_least_one, non_exhaustive: false })
    }

    /// Groups of `x-mutually-exclusive` or `x-at-least-one` as Rust field names; a group naming an
    /// unknown or a required property is an error (`required_means` says why a required one is).
    fn field_groups(
        &mut self,
        given: &[(serde_json::Value, Pointer)],
        fields: &[Field],
        required_means: &str,
    ) -> Vec<Vec<String>> {
        let mut groups = Vec::new();
        for (value, at) in given {
            let Some(list) = value.as_array() else {
                self.error(at, "must be a list of lists of property names");
                continue;
            };
            for (index, group) in list.iter().enumerate() {
                let names: Option<Vec<&str>> = group.as_array().and_then(|g| g.iter().map(|n| n.as_str()).collect());
                let Some(names) = names else {
                    self.error(&at.push(index), "must be a list of property names");
                    continue;
                };
                let mut rust_names = Vec::new();
                for name in names {
                    match fields.iter().find(|f| f.wire == name) {
                        Some(field) if !field.ty.is_required() => rust_names.push(field.name.clone()),
                        Some(_) => self.error(&at.push(index), format!("`{name}` is required, so it {required_means}")),
                        None => self.error(&at.push(index), format!("`{name}` is not a property of this object")),
                    }
                }
                groups.push(rust_names);
            }
        }
        groups
    }

    fn enum_of<'s>(&mut self, values: impl Iterator<Item = &'s String>, pointer: &Pointer) -> Option<TypeKind> {
        let mut variants: Vec<EnumVariant> = Vec::new();
        let mut scope = naming::variant_scope();
        for (index, wire) in values.enumerate() {
            if variants.iter().any(|v| &v.wire == wire) {
                self.warn(&pointer.push("enum").push(index), format!("duplicate enum value `{wire}` ignored"));
                continue;
            }
            let wanted = naming::value_variant(wire);
            let name = scope.claim_free(&wanted, wire);
            if name != wanted {
                self.warn(
                    &pointer.push("enum").push(index),
                    format!("enum value `{wire}` is the variant `{name}`: `{wanted}` is taken"),
                );
            }
            variants.push(EnumVariant { name, wire: wire.clone() });
        }
        Some(TypeKind::Enum { unknown: naming::UNKNOWN_VARIANT.to_owned(), variants })
    }

    fn union_of(
        &mut self,
        discriminator: Option<&'a openapiv3::Discriminator>,
        branches: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        module: &[String],
        name: &str,
    ) -> Option<TypeKind> {
        let Some(discriminator) = discriminator else {
            self.unsupported(
                pointer,
                "`oneOf` without a `discriminator`",
                "add `discriminator: {propertyName: ...}` naming the property whose value tells the branches apart",
            );
            return None;
        };
        let tag = discriminator.property_name.as_str();
        let mut variants = Vec::new();
        let mut scope = naming::variant_scope();
        let mut complete = true;
        for (index, branch) in branches.iter().enumerate() {
            let at = pointer.push("oneOf").push(index);
            let Some(tag_value) = self.tag_value(branch, discriminator, &at) else {
                complete = false;
                continue;
            };
            let variant_name = naming::value_variant(&tag_value);
            if let Err(earlier) = scope.claim(&variant_name, at.as_str()) {
                self.error(
                    &at,
                    format!(
                        "`{tag}: {tag_value}` becomes the variant `{variant_name}`, as does the branch at {earlier}"
                    ),
                );
                complete = false;
                continue;
            }
            let (ty, docs) = match branch {
                ReferenceOr::Reference { reference } => (self.component_ref(reference, &at), Docs::default()),
                ReferenceOr::Item(schema) => {
                    let wanted = naming::pascal_ident(&format!("{name}_{variant_name}"));
                    let type_name = self.module(module).scope.claim_free(&wanted, at.as_str());
                    let slot = self.reserve(module);
                    let kind = self.kind_of(schema, &at, module, &type_name, self.in_request, Some(tag));
                    let docs = docs_of(&schema.schema_data);
                    let definition = kind.map(|kind| TypeDef { name: type_name.clone(), docs: docs.clone(), kind });
                    let ty = definition.as_ref().map(|_| TypeRef::Named { module: module.to_vec(), name: type_name });
                    self.fill(module, slot, definition);
                    (ty, Docs { description: docs.description, ..Docs::default() })
                }
            };
            match ty {
                Some(ty) => variants.push(UnionVariant { name: variant_name, tag_value, ty, docs, boxed: false }),
                None => complete = false,
            }
        }
        complete.then(|| TypeKind::TaggedUnion {
            tag: tag.to_owned(),
            unknown: naming::UNKNOWN_VARIANT.to_owned(),
            variants,
        })
    }

    fn all_objects(&self, branches: &'a [ReferenceOr<Schema>]) -> bool {
        branches.iter().all(|branch| {
            let schema = match branch {
                ReferenceOr::Item(schema) => Some(schema),
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix(SCHEMAS_PREFIX)
                    .and_then(|name| self.api.components.as_ref()?.schemas.get(name))
                    .and_then(|s| s.as_item()),
            };
            matches!(schema.map(|s| &s.schema_kind), Some(SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. }))
        })
    }

    fn untagged_of(
        &mut self,
        branches: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        module: &[String],
        name: &str,
    ) -> Option<TypeKind> {
        let mut variants = Vec::new();
        let mut scope = Scope::default();
        let mut complete = true;
        for (index, branch) in branches.iter().enumerate() {
            let at = pointer.push(index);
            let consts = self.constants_of(branch, &at);
            let (component, kind) = match branch {
                ReferenceOr::Reference { reference } => (reference.strip_prefix(SCHEMAS_PREFIX), "value"),
                ReferenceOr::Item(schema) => (None, value_kind(schema)),
            };
            let wanted = naming::untagged_variant(component, &consts, kind);
            let variant_name = scope.claim_free(&wanted, at.as_str());
            let ty = self.type_of(branch.into(), &at, module, &naming::pascal_ident(&format!("{name}_{variant_name}")));
            let docs = match branch {
                ReferenceOr::Item(schema) => {
                    Docs { description: schema.schema_data.description.clone(), ..Docs::default() }
                }
                ReferenceOr::Reference { .. } => Docs::default(),
            };
            match ty {
                Some(ty) => variants.push(UntaggedVariant { name: variant_name, ty, consts, docs, boxed: false }),
                None => complete = false,
            }
        }
        complete.then_some(TypeKind::UntaggedUnion { variants })
    }

    /// The required one-value string properties of an object branch.
    fn constants_of(&mut self, branch: &'a ReferenceOr<Schema>, at: &Pointer) -> Vec<(String, String)> {
        let Some((schema, schema_at)) = self.lookup(branch.into(), at) else { return Vec::new() };
        let mut shape = ObjectShape::default();
        let errors_before = self.errors.len();
        let is_object = matches!(
            schema.schema_kind,
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } | SchemaKind::Any(_)
        ) && self.shape_of(schema, &schema_at, &mut shape, 0);
        // Looking is not defining: problems are reported where the branch is defined.
        self.errors.truncate(errors_before);
        if !is_object {
            return Vec::new();
        }
        let mut consts = Vec::new();
        for (wire, property, _) in &shape.properties {
            if !shape.required.iter().any(|r| r == wire) {
                continue;
            }
            let target = match property {
                SchemaRef::Inline(schema) => Some(*schema),
                SchemaRef::Ref(reference) => reference
                    .strip_prefix(SCHEMAS_PREFIX)
                    .and_then(|name| self.api.components.as_ref()?.schemas.get(name))
                    .and_then(|s| s.as_item()),
            };
            if let Some(SchemaKind::Type(Type::String(string))) = target.map(|s| &s.schema_kind) {
                if let [Some(value)] = string.enumeration.as_slice() {
                    consts.push((wire.to_string(), value.clone()));
                }
            }
        }
        consts
    }

    /// The discriminator value of a `oneOf` branch: from `mapping`, or from the branch's tag property
    /// when that is a string enum of exactly one value.
    fn tag_value(
        &mut self,
        branch: &'a ReferenceOr<Schema>,
        discriminator: &openapiv3::Discriminator,
        at: &Pointer,
    ) -> Option<String> {
        if let ReferenceOr::Reference { reference } = branch {
            if let Some((value, _)) = discriminator.mapping.iter().find(|(_, target)| *target == reference) {
                return Some(value.clone());
            }
        }
        let tag = &discriminator.property_name;
        let (schema, schema_at) = self.lookup(branch.into(), at)?;
        let mut shape = ObjectShape::default();
        if !self.shape_of(schema, &schema_at, &mut shape, 0) {
            self.unsupported(
                at,
                "a `oneOf` branch that is not an object",
                "make every branch an object with the discriminator property",
            );
            return None;
        }
        let property = shape
            .properties
            .iter()
            .find(|(wire, _, _)| *wire == tag.as_str())
            .map(|(_, schema, at)| (*schema, at.clone()));
        let values = match property {
            Some((schema, property_at)) => match self.lookup(schema, &property_at) {
                Some((schema, _)) => match &schema.schema_kind {
                    SchemaKind::Type(Type::String(string)) => string.enumeration.iter().flatten().cloned().collect(),
                    _ => Vec::new(),
                },
                None => return None,
            },
            None => Vec::new(),
        };
        match values.as_slice() {
            [value] => Some(value.clone()),
            _ => {
                self.error(
                    at,
                    format!(
                        "cannot tell which `{tag}` selects this `oneOf` branch: give it a property `{tag}` with a one-value string `enum`, or list it in `discriminator.mapping`"
                    ),
                );
                None
            }
        }
    }

    /// A list is paginated when its request takes `page_cursor` and its answer has a `pagination`
    /// object with `has_next_page` and `next_page_cursor` next to the list it returns.
    fn pagination(
        &mut self,
        response_fields: &[Field],
        key: &ResponseKey,
        method_segment: &str,
        module: &[String],
        request: &str,
    ) -> Option<Pagination> {
        let FieldType::Required(TypeRef::Vec(item)) = &key.ty else { return None };
        let request_fields = self.struct_fields(module, request)?;
        let cursor = request_fields.iter().find(|f| f.wire == "page_cursor")?;
        let cursor_nullable = match &cursor.ty {
            FieldType::Optional(TypeRef::String) => false,
            FieldType::OptionalNullable(TypeRef::String) => true,
            _ => return None,
        };
        let pagination = response_fields.iter().find(|f| f.wire == "pagination")?;
        let (pagination_module, name, pagination_optional) = match &pagination.ty {
            FieldType::Required(TypeRef::Named { module, name }) => (module, name, false),
            FieldType::Optional(TypeRef::Named { module, name }) => (module, name, true),
            _ => return None,
        };
        let pagination_fields = self.struct_fields(pagination_module, name)?;
        let has_next =
            pagination_fields.iter().any(|f| f.wire == "has_next_page" && f.ty == FieldType::Required(TypeRef::Bool));
        let next_cursor = pagination_fields.iter().find(|f| f.wire == "next_page_cursor")?;
        let next_cursor_nullable = match &next_cursor.ty {
            FieldType::RequiredNullable(TypeRef::String) | FieldType::Optional(TypeRef::String) => false,
            FieldType::OptionalNullable(TypeRef::String) => true,
            _ => return None,
        };
        if !has_next || next_cursor.name != "next_page_cursor" || cursor.name != "page_cursor" {
            return None;
        }
        Some(Pagination {
            pages_method: naming::pages_method(method_segment),
            all_method: naming::all_items_method(method_segment),
            cursor_field: cursor.name.clone(),
            cursor_nullable,
            items_field: key.field.clone(),
            item: (**item).clone(),
            pagination_field: pagination.name.clone(),
            pagination_optional,
            next_cursor_nullable,
        })
    }

    /// The fields of a struct defined so far, by module and name.
    fn struct_fields(&self, module: &[String], name: &str) -> Option<Vec<Field>> {
        let types = self.modules.get(module)?;
        types.slots.iter().flatten().find(|d| d.name == name).and_then(|d| match &d.kind {
            TypeKind::Struct(s) => Some(s.fields.clone()),
            _ => None,
        })
    }

    fn request_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[String],
        name: &str,
    ) -> bool {
        let slot = self.reserve(module);
        let body_at = at.push("requestBody");
        let body = operation.request_body.as_ref().and_then(|body| {
            self.component_item(body, &body_at, "requestBodies", "request body", |c| &c.request_bodies)
        });
        let kind = match (&operation.request_body, body) {
            (None, _) => Some(TypeKind::Struct(Struct {
                fields: Vec::new(),
                additional: None,
                builder: true,
                exclusive: Vec::new(),
                at_least_one: Vec::new(),
                non_exhaustive: false,
            })),
            (Some(_), None) => None,
            (Some(_), Some((body, body_at))) => {
                self.in_request = true;
                let kind = self.body_kind(&body.content, &body_at, module, name, true, None);
                self.in_request = false;
                kind
            }
        };
        let docs = Docs { description: Some(format!("Request body of `{}`.", at_path(at))), ..Docs::default() };
        let defined = kind.is_some();
        self.fill(module, slot, kind.map(|kind| TypeDef { name: name.to_owned(), docs, kind }));
        defined
    }

    /// Defines the response type; returns its fields for `x-response-key`.
    fn response_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[String],
        name: &str,
    ) -> Option<Vec<Field>> {
        let slot = self.reserve(module);
        let success = operation.responses.responses.iter().find(|(status, _)| match status {
            StatusCode::Code(code) => (200..300).contains(code),
            StatusCode::Range(range) => *range == 2,
        });
        let kind = match success {
            None => {
                self.error(&at.push("responses"), "no 2xx response: cannot tell what the operation returns");
                None
            }
            Some((status, response)) => {
                let response_at = at.push("responses").push(status);
                let found = self.component_item(response, &response_at, "responses", "response", |c| &c.responses);
                let (response, response_at) = found?;
                self.body_kind(&response.content, &response_at, module, name, false, Some("ok"))
            }
        };
        let fields = match &kind {
            Some(TypeKind::Struct(s)) => Some(s.fields.clone()),
            _ => None,
        };
        let docs = Docs { description: Some(format!("Success response of `{}`.", at_path(at))), ..Docs::default() };
        self.fill(module, slot, kind.map(|kind| TypeDef { name: name.to_owned(), docs, kind }));
        fields
    }

    /// The struct of a request or response body; bodies that are not JSON objects are rejected.
    fn body_kind(
        &mut self,
        content: &'a IndexMap<String, openapiv3::MediaType>,
        at: &Pointer,
        module: &[String],
        name: &str,
        builder: bool,
        skip: Option<&str>,
    ) -> Option<TypeKind> {
        let empty = TypeKind::Struct(Struct {
            fields: Vec::new(),
            additional: None,
            builder,
            exclusive: Vec::new(),
            at_least_one: Vec::new(),
            non_exhaustive: false,
        });
        if content.is_empty() {
            return Some(empty);
        }
        let content_at = at.push("content");
        let Some(media) = content.get("application/json") else {
            let types: Vec<&str> = content.keys().map(String::as_str).collect();
            self.unsupported(&content_at, &format!("a body of type {}", types.join(", ")), "use `application/json`");
            return None;
        };
        let schema_at = content_at.push("application/json").push("schema");
        let Some(schema) = &media.schema else { return Some(empty) };
        let (schema, schema_at) = self.lookup(schema.into(), &schema_at)?;
        if matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default()) {
            // A body of any JSON: an object whose properties are all the caller's.
            let field = naming::additional_properties_field(&[]);
            return Some(TypeKind::Struct(Struct {
                fields: Vec::new(),
                additional: Some((field, TypeRef::Json)),
                builder,
                exclusive: Vec::new(),
                at_least_one: Vec::new(),
                non_exhaustive: false,
            }));
        }
        let mut shape = ObjectShape::default();
        if !self.shape_of(schema, &schema_at, &mut shape, 0) {
            self.unsupported(at, "a body that is not a JSON object", "wrap the value in an object property");
            return None;
        }
        self.struct_of(shape, module, name, builder, skip).map(TypeKind::Struct)
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
        // The index a slot's type takes once the empty slots (of failed definitions) are left out.
        let mut index_of_slot = Vec::with_capacity(slots.len() + 1);
        let mut defined = 0;
        for slot in &slots {
            index_of_slot.push(defined);
            defined += usize::from(slot.is_some());
        }
        index_of_slot.push(defined);
        for operation in operations {
            let slots = operation.owned_types.clone();
            operation.owned_types = index_of_slot[slots.start]..index_of_slot[slots.end];
        }
        slots.into_iter().flatten().collect()
    }
}

/// `#/paths/~1acs~1credentials~1create/post` as `POST /acs/credentials/create` for docs.
fn at_path(at: &Pointer) -> String {
    let text = at.as_str().trim_start_matches("#/paths/");
    let (path, method) = text.rsplit_once('/').unwrap_or((text, "post"));
    format!("{} {}", method.to_uppercase(), path.replace("~1", "/").replace("~0", "~"))
}

/// The string values of an `enum` without a type or with `type: string`, when it has one and no
/// structure beside it.
fn any_string_enum(any: &openapiv3::AnySchema) -> Option<Vec<&String>> {
    let plain = matches!(any.typ.as_deref(), None | Some("string"))
        && any.properties.is_empty()
        && any.items.is_none()
        && any.one_of.is_empty()
        && any.any_of.is_empty()
        && any.all_of.is_empty();
    let values: Vec<&String> = any
        .enumeration
        .iter()
        .filter_map(|value| match value {
            serde_json::Value::String(text) => Some(text),
            _ => None,
        })
        .collect();
    (plain && !values.is_empty()).then_some(values)
}

/// `oneOf` or `anyOf` beside `type: object` (or other keywords openapiv3 does not expect there), and
/// nothing that would need merging with it.
fn any_union(any: &openapiv3::AnySchema) -> Option<(&'static str, &Vec<ReferenceOr<Schema>>)> {
    let alone = matches!(any.typ.as_deref(), None | Some("object"))
        && any.properties.is_empty()
        && any.all_of.is_empty()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.not.is_none();
    match (alone, any.one_of.is_empty(), any.any_of.is_empty()) {
        (true, false, true) => Some(("oneOf", &any.one_of)),
        (true, true, false) => Some(("anyOf", &any.any_of)),
        _ => None,
    }
}

/// The one `$ref` of `allOf` parts whose other parts only annotate it (a description, a title, an
/// example, `nullable`...), with its index.
fn annotated_reference(parts: &[ReferenceOr<Schema>]) -> Option<(usize, &str)> {
    let mut found = None;
    for (index, part) in parts.iter().enumerate() {
        match part {
            ReferenceOr::Reference { reference } if found.is_none() => found = Some((index, reference.as_str())),
            ReferenceOr::Reference { .. } => return None,
            ReferenceOr::Item(schema) => {
                let annotation_only =
                    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default());
                if !annotation_only || schema.schema_data.discriminator.is_some() {
                    return None;
                }
            }
        }
    }
    found
}

/// What kind of value an inline union branch holds, to name its variant.
fn value_kind(schema: &Schema) -> &'static str {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => "string",
        SchemaKind::Type(Type::Boolean(_)) => "boolean",
        SchemaKind::Type(Type::Integer(_)) => "integer",
        SchemaKind::Type(Type::Number(_)) => "number",
        SchemaKind::Type(Type::Array(_)) => "list",
        SchemaKind::Type(Type::Object(_)) => "object",
        _ => "value",
    }
}

fn constraints_of(schema: &Schema) -> Constraints {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => Constraints {
            pattern: string.pattern.clone(),
            min_length: string.min_length,
            max_length: string.max_length,
            ..Constraints::default()
        },
        SchemaKind::Type(Type::Integer(integer)) => Constraints {
            minimum: integer.minimum.map(|v| v as f64),
            maximum: integer.maximum.map(|v| v as f64),
            ..Constraints::default()
        },
        SchemaKind::Type(Type::Number(number)) => {
            Constraints { minimum: number.minimum, maximum: number.maximum, ..Constraints::default() }
        }
        _ => Constraints::default(),
    }
}

fn is_nullable(schema: &Schema) -> bool {
    schema.schema_data.nullable
}

fn docs_of(data: &SchemaData) -> Docs {
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

fn apply_extensions(docs: &mut Docs, extensions: &IndexMap<String, serde_json::Value>) {
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
