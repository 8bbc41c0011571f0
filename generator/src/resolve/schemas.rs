//! A schema's Rust type: primitives, arrays, maps and enums, and which kind of type a named schema
//! becomes.

use super::*;

impl<'a> Resolver<'a> {
    /// The Rust type for a schema in a field, item or variant position; inline objects, enums and unions
    /// become named types called `inline_name`.
    pub(super) fn type_of(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        module: &[Name],
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

    pub(super) fn any_schema(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        module: &[Name],
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

    pub(super) fn map_of(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        pointer: &Pointer,
        module: &[Name],
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

    pub(super) fn unsupported(&mut self, pointer: &Pointer, what: &str, hint: &str) {
        self.error(pointer, format!("{what} is not supported by seam-codegen; {hint}"));
    }

    /// The definition of a named type. `builder` marks request bodies; `skip` drops one property
    /// (a union's tag, which the union writes itself, or the envelope's `ok`).
    pub(super) fn kind_of(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        module: &[Name],
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

    pub(super) fn enum_of<'s>(
        &mut self,
        values: impl Iterator<Item = &'s String>,
        pointer: &Pointer,
    ) -> Option<TypeKind> {
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
        Some(TypeKind::Enum { unknown: naming::unknown_variant(), variants })
    }
}

/// The string values of an `enum` without a type or with `type: string`, when it has one and no
/// structure beside it.
pub(super) fn any_string_enum(any: &openapiv3::AnySchema) -> Option<Vec<&String>> {
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
pub(super) fn any_union(any: &openapiv3::AnySchema) -> Option<(&'static str, &Vec<ReferenceOr<Schema>>)> {
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
pub(super) fn annotated_reference(parts: &[ReferenceOr<Schema>]) -> Option<(usize, &str)> {
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
pub(super) fn value_kind(schema: &Schema) -> &'static str {
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

impl<'a> Resolver<'a> {
    /// The constraints on a value of `schema`, through `$ref`s and into an array's items, so that
    /// a property or parameter given by reference is checked like one written inline. A pattern
    /// the runtime's regex engine cannot compile is left unchecked, with a warning.
    pub(super) fn constraints(&mut self, schema: SchemaRef<'a>, at: &Pointer) -> Constraints {
        let mut current = schema;
        // References to references: as far as `lookup` follows them, without its errors (the type
        // of the value reports a broken reference).
        for _ in 0..32 {
            match current {
                SchemaRef::Ref(reference) => match reference
                    .strip_prefix(SCHEMAS_PREFIX)
                    .and_then(|name| self.api.components.as_ref()?.schemas.get(name))
                {
                    Some(next) => current = next.into(),
                    None => return Constraints::default(),
                },
                SchemaRef::Inline(schema) => return self.constraints_of(schema, at),
            }
        }
        Constraints::default()
    }

    fn constraints_of(&mut self, schema: &'a Schema, at: &Pointer) -> Constraints {
        let constraints = match &schema.schema_kind {
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
            SchemaKind::Type(Type::Array(array)) => {
                let items = array.items.as_ref().map(|items| self.constraints(items.into(), &at.push("items")));
                Constraints {
                    min_items: array.min_items,
                    max_items: array.max_items,
                    items: items.filter(|items| !items.is_empty()).map(Box::new),
                    ..Constraints::default()
                }
            }
            // A map's values: checked like a list's items, each reported under its key.
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                let values = match &object.additional_properties {
                    Some(openapiv3::AdditionalProperties::Schema(values)) => {
                        Some(self.constraints(values.as_ref().into(), &at.push("additionalProperties")))
                    }
                    _ => None,
                };
                Constraints {
                    items: values.filter(|values| !values.is_empty()).map(Box::new),
                    ..Constraints::default()
                }
            }
            _ => Constraints::default(),
        };
        if let Some(pattern) = &constraints.pattern {
            if let Err(error) = regex_lite::Regex::new(pattern) {
                self.warn(&at.push("pattern"), format!("pattern `{pattern}` is not checked before sending: {error}"));
                return Constraints { pattern: None, ..constraints };
            }
        }
        constraints
    }
}

pub(super) fn is_nullable(schema: &Schema) -> bool {
    schema.schema_data.nullable
}
