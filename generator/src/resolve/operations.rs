//! Operations: where each one goes (a group, or the client's root), its parameters, its request body
//! and what its answer decodes to, under the API's [`Conventions`](crate::conventions::Conventions).

use super::*;
use crate::conventions::RetrySafety;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle};

/// Methods of the client itself, which an operation at the root may not take.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "from_env",
    "builder",
    "endpoint",
    "with_timeout",
    "with_retry",
    "execute",
    "wait_for_action_attempt",
    "clone",
    "fmt",
];

/// A parameter as the spec gives it, path-level and operation-level merged.
struct ParamSpec<'a> {
    wire: &'a str,
    location: ParamLocation,
    required: bool,
    schema: Option<SchemaRef<'a>>,
    style: &'static str,
    explode: bool,
    docs: Docs,
    at: Pointer,
}

impl<'a> Resolver<'a> {
    pub(super) fn operations(&mut self) -> (Vec<Group>, Group) {
        let mut roots: Vec<Group> = Vec::new();
        let mut root = Group {
            module: naming::root_module(),
            path: Vec::new(),
            client: Name::default(),
            operations: Vec::new(),
            module_id: self.module(&[naming::root_module()]).id,
            subgroups: Vec::new(),
        };
        let mut root_scope = Scope::default();
        root_scope
            .claim(&naming::types_module(), "the module of shared schemas")
            .expect("first claim in an empty scope");
        root_scope.claim(&naming::root_module(), "the module of operations outside any group").expect("distinct names");
        for reserved in crate::standalone::RESERVED_MODULES {
            root_scope.claim(reserved, "a module of the runtime").expect("distinct reserved names");
        }
        let mut method_scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
        let root_methods = method_scopes.entry(Vec::new()).or_default();
        for name in CLIENT_METHODS {
            root_methods.claim(name, "a method of the client").expect("distinct client methods");
        }
        let paths_pointer = Pointer::root().push("paths");
        for (path, item) in &self.api.paths.paths {
            let pointer = paths_pointer.push(path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.unsupported(&pointer, "a path item `$ref`", "write the operations inline");
                    continue;
                }
            };
            for (key, operation) in item.iter() {
                let at = pointer.push(key);
                let Some(http_method) = HttpMethod::from_key(key) else { continue };
                if self.conventions.post_wins && item.post.is_some() && http_method != HttpMethod::Post {
                    self.warn(&at, format!("`{key}` ignored: the same path's `post` is generated"));
                    continue;
                }
                if self.drop_undocumented && operation.extensions.contains_key("x-undocumented") {
                    continue;
                }
                let (group_path, method_base) = self.placement(path, key, operation);
                if !group_path.is_empty() {
                    if let Err(earlier) = self.ensure_group(&mut roots, &mut root_scope, &group_path, &at) {
                        self.error(&at, earlier);
                        continue;
                    }
                }
                let module: Vec<Name> = if group_path.is_empty() {
                    vec![naming::root_module()]
                } else {
                    group_path.iter().map(|s| naming::snake_ident(s)).collect()
                };
                let scope = method_scopes.entry(group_path.clone()).or_default();
                let wanted = naming::snake_ident(&method_base);
                let method = scope.claim_free(&wanted, &format!("{} {path}", http_method.as_str()));
                if method != wanted {
                    self.warn(&at, format!("method `{wanted}` is taken in this group; this operation is `{method}`"));
                }
                let first = self.module(&module).order.len();
                if let Some(mut resolved) = self.operation(path, http_method, &method, item, operation, &at, &module) {
                    // Positions in the module's order for now; `into_model` leaves out failed types.
                    resolved.owned_types = first..self.module(&module).order.len();
                    if let Some(pagination) = &resolved.pagination {
                        for name in [&pagination.pages_method, &pagination.all_method] {
                            if scope_of(&mut method_scopes, &group_path).claim(name, path).is_err() {
                                self.error(&at, format!("method `{name}` of this list's pages collides with another"));
                            }
                        }
                    }
                    let group = if group_path.is_empty() { &mut root } else { find_group(&mut roots, &group_path) };
                    group.operations.push(resolved);
                }
            }
        }
        self.check_accessors(&roots, &method_scopes);
        (roots, root)
    }

    /// The group an operation belongs to and the base of its method name.
    fn placement(&self, path: &str, key: &str, operation: &openapiv3::Operation) -> (Vec<String>, String) {
        let segments: Vec<&str> = path
            .split('/')
            .filter(|s| !s.is_empty() && !s.contains('{') && s.chars().any(char::is_alphanumeric))
            .collect();
        let from_method_and_path =
            || std::iter::once(key).chain(segments.iter().copied()).collect::<Vec<_>>().join("_");
        if self.conventions.group_by_path && !path.contains('{') {
            if let Some((last, group)) = segments.split_last() {
                return (group.iter().map(|s| (*s).to_owned()).collect(), (*last).to_owned());
            }
        }
        let name = operation
            .operation_id
            .as_deref()
            .filter(|id| id.chars().any(char::is_alphanumeric))
            .map(str::to_owned)
            .unwrap_or_else(from_method_and_path);
        (Vec::new(), name)
    }

    /// Subgroup accessors share their parent's method namespace.
    fn check_accessors(&mut self, groups: &[Group], scopes: &BTreeMap<Vec<String>, Scope>) {
        for group in groups {
            let parent = &group.path[..group.path.len() - 1];
            if let Some(scope) = scopes.get(parent) {
                if scope.contains(&group.module) {
                    let at = Pointer::root().push("paths").push(format!("/{}", group.path.join("/")));
                    self.error(
                        &at,
                        format!(
                            "the accessor `{}` of group /{} collides with a method of the same name",
                            group.module,
                            group.path.join("/")
                        ),
                    );
                }
            }
            self.check_accessors(&group.subgroups, scopes);
        }
    }

    /// Creates the groups along `path`, checking that their module and client names are free.
    fn ensure_group(
        &mut self,
        roots: &mut Vec<Group>,
        root_scope: &mut Scope,
        path: &[String],
        at: &Pointer,
    ) -> Result<(), String> {
        let mut siblings = roots;
        for depth in 0..path.len() {
            let segment = &path[depth];
            let index = match siblings.iter().position(|g| g.path.last() == Some(segment)) {
                Some(index) => index,
                None => {
                    let module_name = naming::snake_ident(segment);
                    let parent_module: Vec<Name> = path[..depth].iter().map(|s| naming::snake_ident(s)).collect();
                    if depth == 0 {
                        root_scope.claim(&module_name, at.as_str()).map_err(|earlier| {
                            format!("group `{segment}` becomes the module `{module_name}`, as does {earlier}")
                        })?;
                    } else if siblings.iter().any(|g| g.module == module_name) {
                        return Err(format!(
                            "two groups under `{}` become the module `{module_name}`",
                            path[..depth].join("/")
                        ));
                    }
                    let group_path: Vec<String> = path[..=depth].to_vec();
                    let client = naming::group_client(&group_path);
                    let mut module = parent_module;
                    module.push(module_name.clone());
                    self.module(&module).scope.claim(&client, at.as_str()).map_err(|earlier| {
                        format!(
                            "the client struct `{client}` of group `{}` collides with {earlier}",
                            group_path.join("/")
                        )
                    })?;
                    let module_id = self.module(&module).id;
                    siblings.push(Group {
                        module: module_name,
                        path: group_path,
                        client,
                        operations: Vec::new(),
                        module_id,
                        subgroups: Vec::new(),
                    });
                    siblings.len() - 1
                }
            };
            siblings = &mut siblings[index].subgroups;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        http_method: HttpMethod,
        method: &Name,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[Name],
    ) -> Option<Operation> {
        let base = method.trim_start_matches("r#");
        let request = naming::request_type(base);
        if let Err(earlier) = self.module(module).scope.claim(&request, at.as_str()) {
            self.error(at, format!("the type `{request}` of this operation collides with {earlier}"));
            return None;
        }
        let params = self.parameters(path, item, operation, at);
        let flatten = self.conventions.flatten_object_body && params.is_empty();
        let mut request_example = None;
        // Both ways of building the request reserve its type first.
        let (request_type, request_ok, params, body) = if flatten && self.is_json_object_body(operation) {
            let (request_type, ok) = self.request_body(operation, at, module, &request);
            let media = operation
                .request_body
                .as_ref()
                .and_then(|body| self.request_body_item(body))
                .and_then(|body| body.content.iter().find(|(media, _)| is_json(media)));
            request_example = media.and_then(|(_, media)| first_example(media));
            let content_type = media.map_or_else(|| "application/json".to_owned(), |(media, _)| media.clone());
            (request_type, ok, Vec::new(), RequestBody::Itself { content_type })
        } else {
            self.parameter_request(operation, at, module, &request, params)
        };
        let mut docs = Docs {
            title: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated.then(String::new),
            ..Docs::default()
        };
        apply_extensions(&mut docs, &operation.extensions);
        docs.notes.push(format!("`{} {path}`", http_method.as_str()));
        let retry_safe = match &self.conventions.retry_safety {
            RetrySafety::NamePrefixes(prefixes) => {
                prefixes.iter().any(|prefix| base == prefix || base.starts_with(&format!("{prefix}_")))
            }
            RetrySafety::HttpMethod => match operation.extensions.get("x-idempotent") {
                Some(serde_json::Value::Bool(idempotent)) => *idempotent,
                _ => !matches!(http_method, HttpMethod::Post | HttpMethod::Patch),
            },
        };
        let (response, decode, returns, pagination) = if self.conventions.envelope_flag.is_some() {
            let response = naming::response_type(base);
            if let Err(earlier) = self.module(module).scope.claim(&response, at.as_str()) {
                self.error(at, format!("the type `{response}` of this operation collides with {earlier}"));
                return None;
            }
            let (response_type, fields) = self.response_body(operation, at, module, &response);
            let fields = fields?;
            let (returns, pagination) = self.envelope_returns(operation, at, &fields, base, request_type, &body);
            (ResponseType::Defined(response_type), Decode::Json, returns, pagination)
        } else {
            let (response, decode) = self.plain_response(operation, at, module, base)?;
            (response, decode, Returns::Whole, None)
        };
        let errors =
            if self.conventions.typed_errors { self.error_responses(operation, at, module, base) } else { None };
        request_ok.then(|| Operation {
            http_method,
            http_path: path.to_owned(),
            method: method.clone(),
            docs,
            request,
            params,
            body,
            response,
            errors,
            decode,
            envelope_flag: self.conventions.envelope_flag.clone(),
            returns,
            retry_safe,
            pagination,
            owned_types: 0..0,
            request_type,
            request_example,
        })
    }

    /// What a method returns under the envelope convention: the `x-response-key` property, the action
    /// attempt the change started, both (the whole answer), or nothing.
    #[allow(clippy::too_many_arguments)]
    fn envelope_returns(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        fields: &[Field],
        base: &str,
        request: TypeId,
        body: &RequestBody,
    ) -> (Returns, Option<Pagination>) {
        let extension = self.conventions.response_key.clone().unwrap_or_default();
        let flag = self.conventions.envelope_flag.clone().unwrap_or_default();
        let key = match operation.extensions.get(&extension) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(key)) if *key == flag => {
                self.warn(
                    &at.push(&extension),
                    format!("`{flag}` is the envelope's flag, which the client checks; the method returns nothing"),
                );
                None
            }
            Some(serde_json::Value::String(key)) => match fields.iter().find(|f| &f.wire == key) {
                Some(field) => Some(ResponseKey { field: field.name.clone(), ty: field.ty.clone() }),
                None => {
                    self.error(&at.push(&extension), format!("`{key}` is not a property of the 2xx response body"));
                    None
                }
            },
            Some(other) => {
                self.error(&at.push(&extension), format!("must be a property name or null, found {other}"));
                None
            }
        };
        // Seam's SDKs drop the action attempt that starts with a change; a caller needs it to wait for
        // the change to reach the device, so a method whose answer carries one returns it.
        let attempt_field = self.conventions.action_attempt_field.clone();
        let action_attempt = fields.iter().find(|f| Some(&f.wire) == attempt_field.as_ref());
        let returns = match (key, action_attempt) {
            (Some(key), None) => Returns::Field(key),
            (Some(key), Some(field)) if key.field == field.name => Returns::Field(key),
            (Some(_), Some(_)) => Returns::Whole,
            (None, Some(field)) => Returns::Field(ResponseKey { field: field.name.clone(), ty: field.ty.clone() }),
            (None, None) => Returns::Nothing,
        };
        let pagination = match (&returns, body) {
            (Returns::Field(key), RequestBody::Itself { .. }) if self.conventions.cursor_pagination => {
                self.pagination(fields, key, base, request)
            }
            _ => None,
        };
        (returns, pagination)
    }

    fn request_body_item(&self, body: &'a ReferenceOr<openapiv3::RequestBody>) -> Option<&'a openapiv3::RequestBody> {
        self.find_component_item(body, &Pointer::root(), "requestBodies", |c| &c.request_bodies).map(|(body, _)| body)
    }

    /// Whether the body is absent, or JSON whose schema is an object (which can be the request itself).
    fn is_json_object_body(&mut self, operation: &'a openapiv3::Operation) -> bool {
        let Some(body) = &operation.request_body else { return true };
        let Some(body) = self.request_body_item(body) else { return true };
        if body.content.is_empty() {
            return true;
        }
        let Some((_, media)) = body.content.iter().find(|(media, _)| is_json(media)) else { return false };
        let Some(schema) = &media.schema else { return true };
        let schema = match schema {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => match self.resolve_component(reference) {
                Some(schema) => schema,
                None => return true,
            },
        };
        self.looks_like_object(schema, 0)
    }

    /// Whether a schema describes a JSON object: an object, an `allOf` with an object part, alternatives
    /// that are all objects, or a schema without a type.
    fn looks_like_object(&self, schema: &'a Schema, depth: usize) -> bool {
        let part = |reference: &'a ReferenceOr<Schema>| match reference {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.resolve_component(reference),
        };
        // Deeper than any real document nests; a cycle of `allOf` must not recurse for ever.
        depth < 32
            && match &schema.schema_kind {
                SchemaKind::Type(Type::Object(_)) => true,
                SchemaKind::Any(any) => any.typ.as_deref().map_or(true, |typ| typ == "object"),
                SchemaKind::AllOf { all_of } => {
                    all_of.iter().filter_map(part).any(|schema| self.looks_like_object(schema, depth + 1))
                }
                SchemaKind::OneOf { one_of: branches } | SchemaKind::AnyOf { any_of: branches } => {
                    !branches.is_empty() && self.all_objects(branches)
                }
                _ => false,
            }
    }

    /// The parameters of an operation: the path item's, replaced by the operation's of the same name
    /// and location; every `{name}` of the path must be one.
    fn parameters(
        &mut self,
        path: &str,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
    ) -> Vec<ParamSpec<'a>> {
        let path_at = at.parent();
        let mut specs: Vec<ParamSpec<'a>> = Vec::new();
        let given =
            item.parameters.iter().enumerate().map(|(index, p)| (p, path_at.push("parameters").push(index))).chain(
                operation.parameters.iter().enumerate().map(|(index, p)| (p, at.push("parameters").push(index))),
            );
        for (parameter, param_at) in given {
            let Some((parameter, param_at)) =
                self.component_item(parameter, &param_at, "parameters", "parameter", |c| &c.parameters)
            else {
                continue;
            };
            let Some(spec) = self.parameter(parameter, &param_at) else { continue };
            match specs.iter().position(|p| p.wire == spec.wire && p.location == spec.location) {
                Some(index) => specs[index] = spec,
                None => specs.push(spec),
            }
        }
        for name in template_names(path) {
            if !specs.iter().any(|p| p.location == ParamLocation::Path && p.wire == name) {
                self.error(at, format!("the path parameter `{{{name}}}` is not declared in `parameters`"));
            }
        }
        specs.retain(|p| {
            p.location != ParamLocation::Path || template_names(path).any(|name| name == p.wire) || {
                self.warn(&p.at, format!("path parameter `{}` does not appear in the path; it is not sent", p.wire));
                false
            }
        });
        specs
    }

    fn parameter(&mut self, parameter: &'a Parameter, at: &Pointer) -> Option<ParamSpec<'a>> {
        let data = parameter.parameter_data_ref();
        let (location, style, default_explode) = match parameter {
            Parameter::Path { style, .. } => (
                ParamLocation::Path,
                match style {
                    PathStyle::Simple => "Simple",
                    PathStyle::Label => "Label",
                    PathStyle::Matrix => "Matrix",
                },
                false,
            ),
            Parameter::Query { style, .. } => {
                let style = match style {
                    QueryStyle::Form => "Form",
                    QueryStyle::SpaceDelimited => "SpaceDelimited",
                    QueryStyle::PipeDelimited => "PipeDelimited",
                    QueryStyle::DeepObject => "DeepObject",
                };
                (ParamLocation::Query, style, style == "Form")
            }
            Parameter::Header { .. } => {
                // OpenAPI: these three are described elsewhere and "SHALL be ignored" as parameters.
                if ["accept", "content-type", "authorization"].contains(&data.name.to_ascii_lowercase().as_str()) {
                    self.warn(
                        at,
                        format!("header parameter `{}` ignored, as OpenAPI says: the client sets it", data.name),
                    );
                    return None;
                }
                (ParamLocation::Header, "Simple", false)
            }
            Parameter::Cookie { .. } => (ParamLocation::Cookie, "Form", true),
        };
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => Some(SchemaRef::from(schema)),
            ParameterSchemaOrContent::Content(content) => {
                // A parameter with `content` is one serialized value; JSON is the one media type we can write.
                match content.iter().next() {
                    Some((media, value)) if is_json(media) => value.schema.as_ref().map(SchemaRef::from),
                    Some((media, _)) => {
                        self.unsupported(
                            &at.push("content"),
                            &format!("a parameter of media type `{media}`"),
                            "describe it with `schema`",
                        );
                        return None;
                    }
                    None => None,
                }
            }
        };
        let mut docs = Docs {
            description: data.description.clone(),
            deprecated: data.deprecated.filter(|d| *d).map(|_| String::new()),
            ..Docs::default()
        };
        apply_extensions(&mut docs, &data.extensions);
        Some(ParamSpec {
            wire: &data.name,
            location,
            required: data.required || location == ParamLocation::Path,
            schema,
            style,
            explode: data.explode.unwrap_or(default_explode),
            docs,
            at: at.clone(),
        })
    }

    /// A request type of parameters and a `body` field.
    fn parameter_request(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[Name],
        request: &Name,
        specs: Vec<ParamSpec<'a>>,
    ) -> (TypeId, bool, Vec<Param>, RequestBody) {
        let id = self.reserve(module);
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        let mut params = Vec::new();
        let mut ok = true;
        for spec in specs {
            let wanted = naming::snake_ident(spec.wire);
            let name = scope.claim_free(&wanted, spec.wire);
            let inline_name = naming::inline_type(request, spec.wire);
            let (ty, constraints) = match spec.schema {
                None => (Some(TypeRef::String), Constraints::default()),
                Some(schema) => {
                    let schema_at = spec.at.push("schema");
                    let constraints = self.constraints(schema, &schema_at);
                    self.in_request = true;
                    let ty = self.type_of(schema, &schema_at, module, &inline_name);
                    self.in_request = false;
                    (ty, constraints)
                }
            };
            let Some(ty) = ty else {
                ok = false;
                continue;
            };
            let ty = if spec.required { FieldType::Required(ty) } else { FieldType::Optional(ty) };
            let location = match spec.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            };
            let mut docs = spec.docs;
            docs.notes.push(format!("The {location} parameter `{}`.", spec.wire));
            fields.push(Field { name: name.clone(), wire: spec.wire.to_owned(), ty, docs, constraints, boxed: false });
            params.push(Param {
                field: name,
                wire: spec.wire.to_owned(),
                location: spec.location,
                style: spec.style,
                explode: spec.explode,
            });
        }
        let body = match &operation.request_body {
            None => RequestBody::None,
            Some(body) => {
                let body_at = at.push("requestBody");
                match self.component_item(body, &body_at, "requestBodies", "request body", |c| &c.request_bodies) {
                    None => {
                        ok = false;
                        RequestBody::None
                    }
                    Some((body, _)) if body.content.is_empty() => RequestBody::None,
                    Some((body, body_at)) => match self.body_field(body, &body_at, module, request) {
                        Some((ty, kind)) => {
                            let name = scope.claim_free("body", "the request body");
                            let optional = !body.required;
                            let docs = Docs { description: body.description.clone(), ..Docs::default() };
                            let ty = if optional { FieldType::Optional(ty) } else { FieldType::Required(ty) };
                            fields.push(Field {
                                name: name.clone(),
                                wire: "body".to_owned(),
                                ty,
                                docs,
                                constraints: Constraints::default(),
                                boxed: false,
                            });
                            RequestBody::Field { field: name, kind, optional }
                        }
                        None => {
                            ok = false;
                            RequestBody::None
                        }
                    },
                }
            }
        };
        let docs = Docs { description: Some(format!("Request of `{}`.", at_path(at))), ..Docs::default() };
        let kind = TypeKind::Struct(Struct {
            fields,
            additional: None,
            builder: true,
            exclusive: Vec::new(),
            at_least_one: Vec::new(),
            non_exhaustive: false,
            request_only: false,
        });
        self.fill(module, id, request.clone(), docs, ok.then_some(kind));
        (id, ok, params, body)
    }

    /// The type of a request body held in a field, and how it is written. JSON wins over the other
    /// media types an operation accepts, then forms, multipart, text and bytes.
    fn body_field(
        &mut self,
        body: &'a openapiv3::RequestBody,
        at: &Pointer,
        module: &[Name],
        request: &str,
    ) -> Option<(TypeRef, BodyKind)> {
        let content_at = at.push("content");
        let (media, value) = pick_media(&body.content)?;
        let schema_at = content_at.push(media).push("schema");
        let inline_name = format!("{}Body", request.trim_end_matches("Request"));
        let typed = |this: &mut Self| match &value.schema {
            None => Some(TypeRef::Json),
            Some(schema) => {
                this.in_request = true;
                let ty = this.type_of(schema.into(), &schema_at, module, &inline_name);
                this.in_request = false;
                ty
            }
        };
        let base = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        if is_json(media) {
            let ty = typed(self)?;
            Some((ty, BodyKind::Json { content_type: base }))
        } else if base == "application/x-www-form-urlencoded" {
            let ty = typed(self)?;
            Some((ty, BodyKind::Form))
        } else if base == "multipart/form-data" {
            Some((TypeRef::Parts, BodyKind::Multipart))
        } else if base.starts_with("text/") {
            Some((TypeRef::String, BodyKind::Raw { content_type: media.clone() }))
        } else {
            let content_type = if base.contains('*') { "application/octet-stream".to_owned() } else { media.clone() };
            Some((TypeRef::Bytes, BodyKind::Raw { content_type }))
        }
    }

    /// What a success answer decodes to without an envelope: the type of the 2xx responses (or of
    /// `default` when there is none), text, bytes or nothing; an enum by status when the 2xx responses
    /// differ.
    fn plain_response(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[Name],
        base: &str,
    ) -> Option<(ResponseType, Decode)> {
        let mut successes: Vec<(Option<u16>, String, &'a ReferenceOr<openapiv3::Response>)> = operation
            .responses
            .responses
            .iter()
            .filter_map(|(status, response)| match status {
                StatusCode::Code(code) if (200..300).contains(code) => {
                    Some((Some(*code), status.to_string(), response))
                }
                StatusCode::Range(2) => Some((None, status.to_string(), response)),
                _ => None,
            })
            .collect();
        successes.sort_by_key(|(code, _, _)| code.unwrap_or(u16::MAX));
        if successes.is_empty() {
            match &operation.responses.default {
                Some(response) => successes.push((None, "default".to_owned(), response)),
                None => return Some((ResponseType::Unit, Decode::Empty)),
            }
        }
        let single_name = naming::response_type(base);
        let mut payloads = Vec::new();
        for (code, status, response) in &successes {
            let payload = self.response_payload(response, &at.push("responses").push(status), module, &single_name)?;
            payloads.push((*code, payload));
        }
        let first = payloads[0].1.clone();
        if payloads.iter().all(|(_, payload)| *payload == first) {
            return Some(match first {
                Payload::Json(ty) => (ResponseType::Type(ty), Decode::Json),
                Payload::Text => (ResponseType::Text, Decode::Text),
                Payload::Bytes => (ResponseType::Bytes, Decode::Bytes),
                Payload::Empty => (ResponseType::Unit, Decode::Empty),
            });
        }
        let name = naming::status_enum(base);
        if let Err(earlier) = self.module(module).scope.claim(&name, at.as_str()) {
            self.error(at, format!("the type `{name}` of this operation's answers collides with {earlier}"));
            return None;
        }
        let mut scope = Scope::default();
        let variants = payloads
            .into_iter()
            .map(|(status, payload)| {
                let name = scope.claim_free(&naming::status_variant(status), "a status");
                StatusVariant { status, name, payload }
            })
            .collect();
        Some((ResponseType::ByStatus { name, variants }, Decode::ByStatus))
    }

    /// The enum of the error answers an operation documents (`4XX`, `404`, and `default` when there
    /// is a 2xx answer), each answer's body tried without failing the document: a body this
    /// generator cannot type leaves its variant empty, with a warning.
    fn error_responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        at: &Pointer,
        module: &[Name],
        base: &str,
    ) -> Option<ErrorResponses> {
        let responses = &operation.responses;
        let has_success = responses.responses.keys().any(|status| match status {
            StatusCode::Code(code) => (200..300).contains(code),
            StatusCode::Range(range) => *range == 2,
        });
        let mut answers: Vec<_> = responses
            .responses
            .iter()
            .filter_map(|(status, response)| match status {
                StatusCode::Code(code) if *code >= 400 => Some((Some(*code), None, status.to_string(), response)),
                StatusCode::Range(range) if *range >= 4 => Some((None, Some(*range), status.to_string(), response)),
                _ => None,
            })
            .collect();
        if let (true, Some(default)) = (has_success, &responses.default) {
            answers.push((None, None, "default".to_owned(), default));
        }
        if answers.is_empty() {
            return None;
        }
        let name = naming::error_enum(base);
        if let Err(earlier) = self.module(module).scope.claim(&name, at.as_str()) {
            self.warn(at, format!("the error answers are not typed: their enum `{name}` would collide with {earlier}"));
            return None;
        }
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (status, range, key, response) in answers {
            let variant = scope.claim_free(&naming::error_variant(status, range), "an error status");
            let response_at = at.push("responses").push(&key);
            let inline_name = naming::inline_type(&name, &variant);
            let payload = self.attempt(module, &response_at, "the error answer is not typed", |resolver| {
                resolver.response_payload(response, &response_at, module, &inline_name)
            });
            let body = match payload {
                Some(Payload::Json(ty)) => Some(ty),
                Some(Payload::Text | Payload::Bytes | Payload::Empty) | None => None,
            };
            variants.push(ErrorVariant { status, range, name: variant, body });
        }
        Some(ErrorResponses { name, variants })
    }

    /// Runs `resolve`, and when it reports an error, undoes what it defined in `module` and turns its
    /// first error into a warning (`what`: why), so that an optional part of the model cannot fail the
    /// document.
    fn attempt<T>(
        &mut self,
        module: &[Name],
        at: &Pointer,
        what: &str,
        resolve: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        let (errors, arena) = (self.errors.len(), self.arena.len());
        let scope = self.module(module).scope.checkpoint();
        let resolved = resolve(self);
        if self.errors.len() == errors {
            return resolved;
        }
        let failures = self.errors.split_off(errors);
        self.arena.truncate(arena);
        // Inline types land in `module`, but a nested one may name another module: drop every id the
        // attempt made, wherever it was placed.
        for types in self.modules.values_mut() {
            types.order.retain(|id| (id.0 as usize) < arena);
        }
        self.module(module).scope.rollback(scope);
        self.inline_types.retain(|_, ty| !matches!(ty, TypeRef::Named(id) if id.0 as usize >= arena));
        let reason = failures.first().map(|failure| failure.to_string()).unwrap_or_default();
        self.warn(at, format!("{what}: {reason}"));
        None
    }

    /// What one response's body is: JSON of a type, text, bytes, or nothing.
    fn response_payload(
        &mut self,
        response: &'a ReferenceOr<openapiv3::Response>,
        response_at: &Pointer,
        module: &[Name],
        inline_name: &str,
    ) -> Option<Payload> {
        let (response, response_at) =
            self.component_item(response, response_at, "responses", "response", |c| &c.responses)?;
        let Some((media, value)) = pick_media(&response.content) else { return Some(Payload::Empty) };
        let base_media = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        if is_json(media) {
            let ty = match &value.schema {
                None => TypeRef::Json,
                Some(schema) => {
                    let schema_at = response_at.push("content").push(media).push("schema");
                    self.type_of(schema.into(), &schema_at, module, inline_name)?
                }
            };
            Some(Payload::Json(ty))
        } else if base_media.starts_with("text/") {
            Some(Payload::Text)
        } else {
            Some(Payload::Bytes)
        }
    }
}

fn scope_of<'s>(scopes: &'s mut BTreeMap<Vec<String>, Scope>, path: &[String]) -> &'s mut Scope {
    scopes.entry(path.to_vec()).or_default()
}

pub(super) fn find_group<'g>(roots: &'g mut [Group], path: &[String]) -> &'g mut Group {
    let (first, rest) = path.split_first().expect("group paths are not empty");
    let group = roots.iter_mut().find(|g| g.path.last() == Some(first)).expect("ensure_group created it");
    if rest.is_empty() {
        group
    } else {
        find_group(&mut group.subgroups, rest)
    }
}

/// The `{name}`s of a path template.
fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// A media type's `example`, or the value of its first inline `examples` entry.
fn first_example(media: &openapiv3::MediaType) -> Option<serde_json::Value> {
    media.example.clone().or_else(|| {
        media.examples.values().find_map(|example| match example {
            ReferenceOr::Item(example) => example.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}

/// `application/json`, `application/json; charset=utf-8`, `application/problem+json`, `*/*`...
pub(super) fn is_json(media: &str) -> bool {
    let base = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    base == "application/json" || base.ends_with("+json") || base == "*/*" || base == "application/*"
}

/// The media type to use of those an operation offers: JSON first, then forms, multipart, text, bytes.
fn pick_media(content: &IndexMap<String, openapiv3::MediaType>) -> Option<(&String, &openapiv3::MediaType)> {
    let rank = |media: &str| {
        let base = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        if base == "application/json" {
            0
        } else if is_json(&base) && base != "*/*" {
            1
        } else if base == "application/x-www-form-urlencoded" {
            2
        } else if base == "multipart/form-data" {
            3
        } else if base.starts_with("text/") {
            4
        } else if base == "*/*" {
            5
        } else {
            6
        }
    };
    content.iter().min_by_key(|(media, _)| rank(media))
}
