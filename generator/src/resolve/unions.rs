//! `oneOf` and `anyOf`: tagged unions told apart by their discriminator, untagged ones by their
//! constant properties.

use super::*;

impl<'a> Resolver<'a> {
    pub(super) fn union_of(
        &mut self,
        discriminator: Option<&'a openapiv3::Discriminator>,
        branches: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        module: &[Name],
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
                    let id = self.reserve(module);
                    let kind = self.kind_of(schema, &at, module, &type_name, self.in_request, Some(tag));
                    let docs = docs_of(&schema.schema_data);
                    let ty = kind.is_some().then_some(TypeRef::Named(id));
                    self.fill(module, id, type_name, docs.clone(), kind);
                    (ty, Docs { description: docs.description, ..Docs::default() })
                }
            };
            match ty {
                Some(ty) => variants.push(UnionVariant { name: variant_name, tag_value, ty, docs, boxed: false }),
                None => complete = false,
            }
        }
        complete.then(|| TypeKind::TaggedUnion { tag: tag.to_owned(), unknown: naming::unknown_variant(), variants })
    }

    pub(super) fn all_objects(&self, branches: &'a [ReferenceOr<Schema>]) -> bool {
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

    pub(super) fn untagged_of(
        &mut self,
        branches: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        module: &[Name],
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
                Some(ty) => {
                    let constraints = self.constraints(branch.into(), &at);
                    variants.push(UntaggedVariant { name: variant_name, ty, consts, constraints, docs, boxed: false })
                }
                None => complete = false,
            }
        }
        complete.then_some(TypeKind::UntaggedUnion { variants })
    }

    /// The required one-value string properties of an object branch.
    pub(super) fn constants_of(&mut self, branch: &'a ReferenceOr<Schema>, at: &Pointer) -> Vec<(String, String)> {
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
    pub(super) fn tag_value(
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
}
