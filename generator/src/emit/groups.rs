//! Group clients (`seam.acs().credentials()`), their operation methods, and the request and
//! response types of each group, nested in modules that follow the HTTP paths.

use super::Context;
use super::{checks, docs, ident, type_path, types};
use crate::model::{
    BodyKind, Decode, Field, FieldType, Group, Operation, ParamLocation, Payload, RequestBody, ResponseType, Returns,
    TypeRef,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The file of a group's module: for a top-level group, its accessor on the client; the group's
/// client struct and its subgroups' accessors and modules; then each operation as one block (its
/// method, its `Operation` impl, the types it defined).
pub fn module_file(group: &Group, top_level: bool, cx: &Context) -> TokenStream {
    let accessor = top_level.then(|| {
        let accessor = ident(&group.module);
        let client = ident(&group.client);
        let doc = format!(" Operations under `/{}`.", group.path.join("/"));
        let root_client = ident(cx.client);
        quote! {
            impl crate::#root_client {
                #[doc = #doc]
                pub fn #accessor(&self) -> #client<'_> {
                    #client { client: self }
                }
            }
        }
    });
    let contents = group_contents(group, cx);
    let object_support = types::object_support(group.module_id, cx);
    quote! {
        #![allow(deprecated)]
        #object_support

        #accessor
        #contents
    }
}

/// The file of the operations outside any group: methods of the client itself, and their types.
pub fn root_file(root: &Group, cx: &Context) -> TokenStream {
    let client = ident(cx.client);
    let blocks = operation_blocks(root, cx, |methods| quote!(impl crate::#client { #methods }), quote!(self));
    let object_support = types::object_support(root.module_id, cx);
    quote! {
        #![allow(deprecated)]
        #object_support

        #blocks
    }
}

fn group_contents(group: &Group, cx: &Context) -> TokenStream {
    let client = ident(&group.client);
    let root_client = ident(cx.client);
    let client_doc = format!(
        " Client for the operations under `/{}`; borrow one from [`crate::{}`].",
        group.path.join("/"),
        cx.client
    );
    let subgroup_accessors = group.subgroups.iter().map(|sub| {
        let accessor = ident(&sub.module);
        let module = ident(&sub.module);
        let sub_client = ident(&sub.client);
        let doc = format!(" Operations under `/{}`.", sub.path.join("/"));
        quote! {
            #[doc = #doc]
            pub fn #accessor(&self) -> #module::#sub_client<'a> {
                #module::#sub_client { client: self.client }
            }
        }
    });
    let accessors = (!group.subgroups.is_empty()).then(|| quote!(impl<'a> #client<'a> { #(#subgroup_accessors)* }));
    let submodules = group.subgroups.iter().map(|sub| {
        let module = ident(&sub.module);
        let doc = format!(" Operations under `/{}`.", sub.path.join("/"));
        quote! {
            #[doc = #doc]
            pub mod #module;
        }
    });
    let blocks = operation_blocks(group, cx, |methods| quote!(impl<'a> #client<'a> { #methods }), quote!(self.client));
    quote! {
        #[doc = #client_doc]
        #[derive(Debug, Clone, Copy)]
        pub struct #client<'a> {
            pub(crate) client: &'a crate::#root_client,
        }

        #accessors
        #(#submodules)*
        #blocks
    }
}

/// Each operation of a group as one block: its methods (in an `impl` of their own, made by
/// `impl_block`), its `Operation` impl and the types it defined; then the group's types that no
/// operation owns.
fn operation_blocks(
    group: &Group,
    cx: &Context,
    impl_block: impl Fn(TokenStream) -> TokenStream,
    client: TokenStream,
) -> TokenStream {
    let types = &cx.model.module(group.module_id).types;
    let mut owned = vec![false; types.len()];
    let blocks: Vec<TokenStream> = group
        .operations
        .iter()
        .map(|operation| {
            let methods = impl_block(method(operation, group, cx, client.clone()));
            let operation_impl = operation_impl(operation, cx);
            let types = types[operation.owned_types.clone()].iter().map(|id| types::definition(cx.model.ty(*id), cx));
            owned[operation.owned_types.clone()].iter_mut().for_each(|owned| *owned = true);
            quote! {
                #methods
                #operation_impl
                #(#types)*
            }
        })
        .collect();
    let unowned =
        types.iter().zip(&owned).filter(|(_, owned)| !**owned).map(|(id, _)| types::definition(cx.model.ty(*id), cx));
    quote! {
        #(#blocks)*
        #(#unowned)*
    }
}

/// The Rust type of what an operation's answer decodes to.
fn response_type(response: &ResponseType, cx: &Context) -> TokenStream {
    match response {
        ResponseType::Defined(id) => type_path(&TypeRef::Named(*id), cx),
        ResponseType::ByStatus { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
        ResponseType::Type(ty) => type_path(ty, cx),
        ResponseType::Unit => quote!(()),
        ResponseType::Text => quote!(::std::string::String),
        ResponseType::Bytes => quote!(::std::vec::Vec<u8>),
    }
}

fn method(operation: &Operation, group: &Group, cx: &Context, client: TokenStream) -> TokenStream {
    let name = ident(&operation.method);
    let request = ident(&operation.request);
    let response = response_type(&operation.response, cx);
    let mut docs = operation.docs.clone();
    if let ResponseType::Defined(whole) = &operation.response {
        let whole = &cx.model.ty(*whole).name;
        docs.notes.push(match &operation.returns {
            Returns::Field(key) => format!(
                "Returns the response's `{}`; [`crate::{}::execute`] gives the whole [`{whole}`].",
                key.field.trim_start_matches("r#"),
                cx.client,
            ),
            Returns::Whole => "Returns the whole response, with the action attempt the change started.".to_owned(),
            Returns::Nothing => {
                format!("Returns nothing; [`crate::{}::execute`] gives the whole [`{whole}`].", cx.client)
            }
        });
    }
    if let Some(example) = example(operation, group, cx) {
        docs.notes.push(example);
    }
    let docs = docs::attributes(&docs);
    let (returns, body) = match &operation.returns {
        Returns::Field(key) => {
            let field = ident(&key.field);
            (
                types::field_type(&key.ty, false, cx),
                quote!(#client.execute(&request).await.map(|response| response.#field)),
            )
        }
        Returns::Whole => (response, quote!(#client.execute(&request).await)),
        Returns::Nothing => (quote!(()), quote!(#client.execute(&request).await.map(|_| ()))),
    };
    let pagination = operation.pagination.as_ref().map(|pagination| {
        let pages = ident(&pagination.pages_method);
        let all = ident(&pagination.all_method);
        let item = type_path(&pagination.item, cx);
        let pages_doc = format!(" The pages of [`{0}`](Self::{0}), fetched one at a time with [`crate::Pages::next_page`]; start from a saved cursor with the request's `page_cursor`.", operation.method.trim_start_matches("r#"));
        let all_doc = format!(" Every item of every page of [`{0}`](Self::{0}), as a stream that fetches each page when it needs it.", operation.method.trim_start_matches("r#"));
        let (pages_example, all_example) =
            pagination_examples(operation, pagination, group, cx).unwrap_or_default();
        quote! {
            #[doc = #pages_doc]
            #(#[doc = #pages_example])*
            #[inline]
            pub fn #pages(&self, request: #request) -> crate::Pages<#request> {
                crate::Pages::new(::std::clone::Clone::clone(#client), request)
            }

            #[doc = #all_doc]
            #(#[doc = #all_example])*
            #[inline]
            pub fn #all(&self, request: #request) -> crate::Items<#item> {
                self.#pages(request).into_items()
            }
        }
    });
    quote! {
        #docs
        pub async fn #name(&self, request: #request) -> crate::Result<#returns> {
            #body
        }
        #pagination
    }
}

/// The request type's `Operation` impl.
///
/// Every function here and in the client methods that reaches serde's generic code (`encode`,
/// `decode`, `error_answer`, the pagination methods) is `#[inline]`: rustc then instantiates the
/// decoders and encoders in the crate that calls the operation, as it does for generic and async
/// functions, instead of compiling every operation's serde code into the bindings crate. A service
/// that calls three operations compiles three decoders, and the bindings crate itself builds in a
/// fraction of the time (BENCHMARKS.md).
fn operation_impl(operation: &Operation, cx: &Context) -> TokenStream {
    let request = ident(&operation.request);
    let response = response_type(&operation.response, cx);
    let path = &operation.http_path;
    let method = ident(operation.http_method.variant());
    let encode = encode(operation);
    // An operation without parameters or body writes nothing into the request.
    let request_param = if operation.params.is_empty() && operation.body == RequestBody::None {
        quote!(_request)
    } else {
        quote!(request)
    };
    let decode = match operation.decode {
        Decode::Json => quote!(response.json()),
        Decode::Text => quote!(response.text()),
        Decode::Bytes => quote!(response.bytes()),
        Decode::Empty => quote!(response.empty()),
        Decode::ByStatus => decode_by_status(&operation.response),
    };
    let status_enum = status_enum(operation, cx);
    let error_enum = error_enum(operation, cx);
    let envelope = operation.envelope_flag.as_ref().map(
        |flag| quote!(const ENVELOPE_FLAG: ::std::option::Option<&'static str> = ::std::option::Option::Some(#flag);),
    );
    let retry_safe = operation.retry_safe;
    let checks = match &cx.model.ty(operation.request_type).kind {
        crate::model::TypeKind::Struct(request) => {
            let body = match &operation.body {
                RequestBody::Field { field, .. } => Some(field.as_str()),
                RequestBody::None | RequestBody::Itself { .. } => None,
            };
            checks::struct_checks(request, body, cx)
        }
        _ => Vec::new(),
    };
    let validate = (!checks.is_empty()).then(|| {
        quote! {
            fn validate(&self) -> ::std::result::Result<(), crate::ValidationError> {
                #(#checks)*
                ::std::result::Result::Ok(())
            }
        }
    });
    let paginated = operation.pagination.as_ref().map(|pagination| {
        let item = type_path(&pagination.item, cx);
        let cursor = ident(&pagination.cursor_field);
        let set = if pagination.cursor_nullable {
            quote!(crate::Nullable::Value(cursor))
        } else {
            quote!(::std::option::Option::Some(cursor))
        };
        let items = ident(&pagination.items_field);
        let info = ident(&pagination.pagination_field);
        let next = if pagination.next_cursor_nullable {
            quote!(info.next_page_cursor.into_option())
        } else {
            quote!(info.next_page_cursor)
        };
        // An answer without `pagination` is the last page.
        let page = if pagination.pagination_optional {
            quote! {
                match response.#info {
                    ::std::option::Option::Some(info) => crate::Page::new(response.#items, info.has_next_page, #next),
                    ::std::option::Option::None => crate::Page::new(response.#items, false, ::std::option::Option::None),
                }
            }
        } else {
            quote! {
                let info = response.#info;
                crate::Page::new(response.#items, info.has_next_page, #next)
            }
        };
        quote! {
            impl crate::Paginated for #request {
                type Item = #item;

                fn set_page_cursor(&mut self, cursor: ::std::string::String) {
                    self.#cursor = #set;
                }

                fn into_page(response: #response) -> crate::Page<#item> {
                    #page
                }
            }
        }
    });
    quote! {
        impl crate::Operation for #request {
            const METHOD: crate::Method = crate::Method::#method;
            const PATH: &'static str = #path;
            const RETRY_SAFE: bool = #retry_safe;
            type Response = #response;
            #envelope

            #[inline]
            fn encode(&self, #request_param: &mut crate::HttpRequest) -> crate::wire::Encoded {
                #encode
            }

            #[inline]
            fn decode(response: &crate::HttpResponse) -> crate::wire::Decoded<Self> {
                #decode
            }
            #validate
        }
        #paginated
        #status_enum
        #error_enum
    }
}

/// The enum of an operation's documented error answers, and the request type's function that reads
/// a failed call's answer into it.
fn error_enum(operation: &Operation, cx: &Context) -> Option<TokenStream> {
    let errors = operation.errors.as_ref()?;
    let name = ident(&errors.name);
    let request = ident(&operation.request);
    let http = format!("`{} {}`", operation.http_method.as_str(), operation.http_path);
    let doc = format!(" The error answers of {http} that the document describes, by status.");
    let variants = errors.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = match (variant.status, variant.range) {
            (Some(status), _) => format!(" HTTP {status}."),
            (None, Some(digit)) => format!(" Any other HTTP {digit}xx status."),
            (None, None) => " Any other error status (the document's `default`).".to_owned(),
        };
        match &variant.body {
            Some(body) => {
                let body = type_path(body, cx);
                quote!(#[doc = #doc] #variant_name(#body),)
            }
            None => quote!(#[doc = #doc] #variant_name,),
        }
    });
    let read = |variant: &crate::model::ErrorVariant| {
        let variant_name = ident(&variant.name);
        match variant.body {
            Some(_) => quote!(error.decode_answer().map(#name::#variant_name)),
            None => quote!(::std::option::Option::Some(#name::#variant_name)),
        }
    };
    let exact = errors.variants.iter().filter_map(|variant| {
        let status = proc_macro2::Literal::u16_unsuffixed(variant.status?);
        let read = read(variant);
        Some(quote!(#status => #read,))
    });
    let ranges = errors.variants.iter().filter(|v| v.status.is_none()).filter_map(|variant| {
        let digit = variant.range?;
        let (low, high) =
            (proc_macro2::Literal::u16_unsuffixed(digit * 100), proc_macro2::Literal::u16_unsuffixed(digit * 100 + 99));
        let read = read(variant);
        Some(quote!(#low..=#high => #read,))
    });
    let fallback = match errors.variants.iter().find(|v| v.status.is_none() && v.range.is_none()) {
        Some(default) => read(default),
        None => quote!(::std::option::Option::None),
    };
    let fn_doc = format!(
        " The answer of a failed {http} as the document describes it: the variant of its status, its body decoded. `None` when the call got no error answer, or one whose body does not decode as documented."
    );
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #request {
            #[doc = #fn_doc]
            #[inline]
            pub fn error_answer(error: &crate::Error) -> ::std::option::Option<#name> {
                let error = error.last_attempt();
                match error.status()? {
                    ..=299 => ::std::option::Option::None,
                    #(#exact)*
                    #(#ranges)*
                    _ => #fallback,
                }
            }
        }
    })
}

/// The enum of an operation's success answers, one variant per status.
fn status_enum(operation: &Operation, cx: &Context) -> Option<TokenStream> {
    let ResponseType::ByStatus { name, variants } = &operation.response else { return None };
    let name = ident(name);
    let doc =
        format!(" The success answers of `{} {}`, by status.", operation.http_method.as_str(), operation.http_path);
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = match variant.status {
            Some(status) => format!(" HTTP {status}."),
            None => " Any other success status.".to_owned(),
        };
        let payload = match &variant.payload {
            Payload::Json(ty) => Some(type_path(ty, cx)),
            Payload::Text => Some(quote!(::std::string::String)),
            Payload::Bytes => Some(quote!(::std::vec::Vec<u8>)),
            Payload::Empty => None,
        };
        match payload {
            Some(payload) => quote!(#[doc = #doc] #variant_name(#payload),),
            None => quote!(#[doc = #doc] #variant_name,),
        }
    });
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    })
}

/// Decodes an answer into the variant of its status; a status the document does not list decodes as
/// the catch-all (`2XX`, `default`) or else as the first.
fn decode_by_status(response: &ResponseType) -> TokenStream {
    let ResponseType::ByStatus { name, variants } = response else { return quote!(response.json()) };
    let name = ident(name);
    let read = |variant: &crate::model::StatusVariant| {
        let variant_name = ident(&variant.name);
        match &variant.payload {
            Payload::Json(_) => quote!(response.json().map(#name::#variant_name)),
            Payload::Text => quote!(response.text().map(#name::#variant_name)),
            Payload::Bytes => quote!(response.bytes().map(#name::#variant_name)),
            Payload::Empty => quote!(response.empty().map(|()| #name::#variant_name)),
        }
    };
    let arms = variants.iter().filter_map(|variant| {
        let status = proc_macro2::Literal::u16_unsuffixed(variant.status?);
        let read = read(variant);
        Some(quote!(#status => #read,))
    });
    let fallback = variants.iter().find(|variant| variant.status.is_none()).unwrap_or(&variants[0]);
    let fallback = read(fallback);
    quote! {
        match response.status {
            #(#arms)*
            _ => #fallback,
        }
    }
}

/// Writes the parameters and the body of a request into the runtime's `HttpRequest`.
fn encode(operation: &Operation) -> TokenStream {
    let params = operation.params.iter().map(|param| {
        let wire = &param.wire;
        let field = ident(&param.field);
        let style = ident(param.style);
        let explode = param.explode;
        match param.location {
            ParamLocation::Path => {
                quote!(request.path_param(#wire, &self.#field, crate::ParamStyle::#style, #explode)?;)
            }
            ParamLocation::Query => {
                quote!(request.query_param(#wire, &self.#field, crate::ParamStyle::#style, #explode)?;)
            }
            ParamLocation::Header => quote!(request.header_param(#wire, &self.#field, #explode)?;),
            ParamLocation::Cookie => quote!(request.cookie_param(#wire, &self.#field, #explode)?;),
        }
    });
    let write = |value: TokenStream, kind: &BodyKind| match kind {
        BodyKind::Json { content_type } if content_type == "application/json" => quote!(request.json(#value)?;),
        BodyKind::Json { content_type } => quote!(request.json_as(#value, #content_type)?;),
        BodyKind::Form => quote!(request.form(#value)?;),
        BodyKind::Multipart => quote!(request.multipart(#value);),
        BodyKind::Raw { content_type } => quote!(request.raw(::std::clone::Clone::clone(#value), #content_type);),
    };
    // Only a body: its write is the whole function.
    if operation.params.is_empty() {
        match &operation.body {
            RequestBody::Itself { content_type } if content_type == "application/json" => {
                return quote!(request.json(self))
            }
            RequestBody::Field { field, kind: BodyKind::Json { content_type }, optional: false }
                if content_type == "application/json" =>
            {
                let field = ident(field);
                return quote!(request.json(&self.#field));
            }
            _ => {}
        }
    }
    let body = match &operation.body {
        RequestBody::None => quote!(),
        RequestBody::Itself { content_type } if content_type == "application/json" => quote!(request.json(self)?;),
        RequestBody::Itself { content_type } => quote!(request.json_as(self, #content_type)?;),
        RequestBody::Field { field, kind, optional: false } => {
            let field = ident(field);
            write(quote!(&self.#field), kind)
        }
        RequestBody::Field { field, kind, optional: true } => {
            let field = ident(field);
            let write = write(quote!(body), kind);
            quote! {
                if let ::std::option::Option::Some(body) = &self.#field {
                    #write
                }
            }
        }
    };
    quote! {
        #(#params)*
        #body
        ::std::result::Result::Ok(())
    }
}

/// A doctest (compiled, not run) calling the operation with its required fields, or `None` when a
/// required field has no obvious example value.
fn example(operation: &Operation, group: &Group, cx: &Context) -> Option<String> {
    let request = request_example(operation, group, cx)?;
    let call = accessor_chain(group, cx);
    let binding = match &operation.returns {
        Returns::Field(key) => format!("let {} = ", key.field.trim_start_matches("r#")),
        Returns::Whole => "let response = ".to_owned(),
        Returns::Nothing => String::new(),
    };
    let client = cx.client_variable();
    let body = format!("let request = {request};\n{binding}{client}{call}.{}(request).await?;", operation.method);
    Some(doc_example(cx, &body))
}

/// The accessors from the client to a group, named like the modules on the way: `.acs().credentials()`;
/// nothing for the client's own operations.
fn accessor_chain(group: &Group, cx: &Context) -> String {
    if group.path.is_empty() {
        return String::new();
    }
    cx.model.module(group.module_id).path.iter().map(|module| format!(".{module}()")).collect()
}

/// A compiled (not run) doc example with a client (`seam` for Seam) in scope.
fn doc_example(cx: &Context, body: &str) -> String {
    let (crate_name, client, variable) = (cx.crate_name, cx.client, cx.client_variable());
    format!(
        "# Example\n\n```no_run\n# async fn example({variable}: {crate_name}::{client}) -> {crate_name}::Result<()> {{\n{body}\n# Ok(())\n# }}\n```"
    )
}

/// The doc examples of a list's `*_pages` and `*_all` methods, as doc lines.
fn pagination_examples(
    operation: &Operation,
    pagination: &crate::model::Pagination,
    group: &Group,
    cx: &Context,
) -> Option<(Vec<String>, Vec<String>)> {
    let request = request_example(operation, group, cx)?;
    let call = accessor_chain(group, cx);
    let client = cx.client_variable();
    let items = pagination.items_field.trim_start_matches("r#");
    let item = match items.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => items.strip_suffix('s').unwrap_or("item").to_owned(),
    };
    let pages = format!(
        "let request = {request};\nlet mut pages = {client}{call}.{}(request);\nwhile let Some(page) = pages.next_page().await? {{\n    println!(\"{{}} {items}\", page.items.len());\n    // `page.next_page_cursor` resumes from here later, through the request's `page_cursor`.\n}}",
        pagination.pages_method
    );
    let all = format!(
        "let request = {request};\nlet mut {items} = {client}{call}.{}(request);\nwhile let Some({item}) = {items}.next().await {{\n    println!(\"{{:?}}\", {item}?);\n}}\n// Or all at once: {client}{call}.{}(request).try_collect().await?",
        pagination.all_method, pagination.all_method
    );
    let lines =
        |text: String| std::iter::once(String::new()).chain(text.lines().map(|line| format!(" {line}"))).collect();
    Some((lines(doc_example(cx, &pages)), lines(doc_example(cx, &all))))
}

/// The request of a doc example: its constructor with the required fields and a setter per optional
/// field of the spec's request example, with the example's values where it has them.
fn request_example(operation: &Operation, group: &Group, cx: &Context) -> Option<String> {
    let module = cx.module_path(group.module_id);
    let fields = cx.request_fields(operation);
    let example = operation.request_example.as_ref().and_then(serde_json::Value::as_object);
    let value_of = |field: &Field| example.and_then(|example| example.get(&field.wire));
    let required: Vec<&Field> = fields.iter().copied().filter(|f| f.ty.is_required()).collect();
    let args: Vec<String> = required
        .iter()
        .map(|field| {
            let literal = value_of(field).and_then(|value| cx.example_literal(field.ty.inner(), value));
            match (&field.ty, literal) {
                (FieldType::RequiredNullable(TypeRef::String | TypeRef::DateTime), Some(literal)) => {
                    Some(format!("Some({literal}.into())"))
                }
                (FieldType::RequiredNullable(_), Some(literal)) => Some(format!("Some({literal})")),
                (FieldType::RequiredNullable(_), None) => Some("None".to_owned()),
                (_, Some(literal)) => Some(literal),
                (ty, None) => cx.placeholder(field, ty.inner()),
            }
            // Rust has no named arguments: with more than one, each says which it is, as the
            // optional fields' setters do.
            .map(|value| {
                if required.len() > 1 {
                    format!("/* {} */ {value}", field.name.trim_start_matches("r#"))
                } else {
                    value
                }
            })
        })
        .collect::<Option<_>>()?;
    let setters: String = fields
        .iter()
        .filter(|f| !f.ty.is_required() && !f.boxed)
        .filter_map(|field| {
            let value = value_of(field)?;
            let literal = match (field.ty.inner(), value) {
                (TypeRef::Vec(item), serde_json::Value::Array(items)) if **item == TypeRef::String => {
                    let items: Vec<String> = items
                        .iter()
                        .map(|item| item.as_str().map(|text| format!("{text:?}")))
                        .collect::<Option<_>>()?;
                    format!("[{}]", items.join(", "))
                }
                (ty, value) => cx.example_literal(ty, value)?,
            };
            Some(format!("\n    .{}({literal})", field.name))
        })
        .collect();
    Some(format!("{}::{module}::{}::new({}){setters}", cx.crate_name, operation.request, args.join(", ")))
}
