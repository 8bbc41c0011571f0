//! Request and response bodies, and cursor pagination, under the API's conventions.

use super::*;

impl<'a> Resolver<'a> {
    /// A list is paginated when its request takes `page_cursor` and its answer has a `pagination`
    /// object with `has_next_page` and `next_page_cursor` next to the list it returns.
    pub(super) fn pagination(
        &mut self,
        response_fields: &[Field],
        key: &ResponseKey,
        method_segment: &str,
        request: TypeId,
    ) -> Option<Pagination> {
        let FieldType::Required(TypeRef::Vec(item)) = &key.ty else { return None };
        let request_fields = self.struct_fields(request)?;
        let cursor = request_fields.iter().find(|f| f.wire == "page_cursor")?;
        let cursor_nullable = match &cursor.ty {
            FieldType::Optional(TypeRef::String) => false,
            FieldType::OptionalNullable(TypeRef::String) => true,
            _ => return None,
        };
        let pagination = response_fields.iter().find(|f| f.wire == "pagination")?;
        let (pagination_type, pagination_optional) = match &pagination.ty {
            FieldType::Required(TypeRef::Named(id)) => (*id, false),
            FieldType::Optional(TypeRef::Named(id)) => (*id, true),
            _ => return None,
        };
        let pagination_fields = self.struct_fields(pagination_type)?;
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

    /// The fields of a struct defined so far.
    pub(super) fn struct_fields(&self, id: TypeId) -> Option<Vec<Field>> {
        match &self.defined(id)?.kind {
            TypeKind::Struct(s) => Some(s.fields.clone()),
            _ => None,
        }
    }

    pub(super) fn request_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[Name],
        name: &Name,
    ) -> (TypeId, bool) {
        let id = self.reserve(module);
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
                request_only: false,
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
        self.fill(module, id, name.clone(), docs, kind);
        (id, defined)
    }

    /// Defines the response type; returns it, and its fields for `x-response-key`.
    pub(super) fn response_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[Name],
        name: &Name,
    ) -> (TypeId, Option<Vec<Field>>) {
        let id = self.reserve(module);
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
                match self.component_item(response, &response_at, "responses", "response", |c| &c.responses) {
                    Some((response, response_at)) => {
                        self.body_kind(&response.content, &response_at, module, name, false, Some("ok"))
                    }
                    None => None,
                }
            }
        };
        let fields = match &kind {
            Some(TypeKind::Struct(s)) => Some(s.fields.clone()),
            _ => None,
        };
        let docs = Docs { description: Some(format!("Success response of `{}`.", at_path(at))), ..Docs::default() };
        self.fill(module, id, name.clone(), docs, kind);
        (id, fields)
    }

    /// The struct of a request or response body; bodies that are not JSON objects are rejected.
    pub(super) fn body_kind(
        &mut self,
        content: &'a IndexMap<String, openapiv3::MediaType>,
        at: &Pointer,
        module: &[Name],
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
            request_only: false,
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
                request_only: false,
            }));
        }
        let mut shape = ObjectShape::default();
        if !self.shape_of(schema, &schema_at, &mut shape, 0) {
            self.unsupported(at, "a body that is not a JSON object", "wrap the value in an object property");
            return None;
        }
        self.struct_of(shape, module, name, builder, skip).map(TypeKind::Struct)
    }
}
