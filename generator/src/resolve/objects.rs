//! Objects: their properties gathered across `allOf`, merged alternatives, and the struct they
//! become.

use super::*;

impl<'a> Resolver<'a> {
    /// Gathers the properties of an object schema, merging `allOf` parts. Returns false when the schema
    /// is not an object (the caller then treats it as an alias).
    pub(super) fn shape_of(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        shape: &mut ObjectShape<'a>,
        depth: usize,
    ) -> bool {
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

    pub(super) fn add_properties(
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
    pub(super) fn merge_alternatives(
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

    pub(super) fn merge_part(
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

    pub(super) fn struct_of(
        &mut self,
        shape: ObjectShape<'a>,
        module: &[Name],
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
            let (nullable, docs) = match schema {
                SchemaRef::Inline(schema) => (is_nullable(schema), docs_of(&schema.schema_data)),
                SchemaRef::Ref(_) => (false, Docs::default()),
            };
            let constraints = self.constraints(schema, &at);
            let required = shape.required.iter().any(|r| r == wire);
            let ty = match (required, nullable) {
                (true, false) => FieldType::Required(ty),
                (true, true) => FieldType::RequiredNullable(ty),
                (false, false) => FieldType::Optional(ty),
                (false, true) => FieldType::OptionalNullable(ty),
            };
            fields.push(Field { name: field_name, wire: wire.to_owned(), ty, docs, constraints, boxed: false });
        }
        let additional = match shape.additional {
            Some((AdditionalProperties::Any(false), _)) | None => None,
            Some((additional, at)) => {
                let taken: Vec<Name> = fields.iter().map(|f| f.name.clone()).collect();
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
        complete.then_some(Struct {
            fields,
            additional,
            builder,
            exclusive,
            at_least_one,
            non_exhaustive: false,
            request_only: false,
        })
    }

    /// Groups of `x-mutually-exclusive` or `x-at-least-one` as Rust field names; a group naming an
    /// unknown or a required property is an error (`required_means` says why a required one is).
    pub(super) fn field_groups(
        &mut self,
        given: &[(serde_json::Value, Pointer)],
        fields: &[Field],
        required_means: &str,
    ) -> Vec<Vec<Name>> {
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
}
