//! Group clients (`seam.acs().credentials()`), their operation methods, and the request and
//! response types of each group, nested in modules that follow the HTTP paths.

use super::TypeIndex;
use super::{docs, ident, type_path, types};
use crate::model::{Field, FieldType, Group, Operation, Returns, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The file of a top-level group: its accessor on `Seam`, and its contents.
pub fn module_file(group: &Group, index: &TypeIndex) -> TokenStream {
    let accessor = ident(&group.module);
    let client = ident(&group.client);
    let accessor_doc = format!(" Operations under `/{}`.", group.path.join("/"));
    let contents = contents(group, index);
    quote! {
        #![allow(deprecated)]

        impl crate::Seam {
            #[doc = #accessor_doc]
            pub fn #accessor(&self) -> #client<'_> {
                #client { client: self }
            }
        }

        #contents
    }
}

fn contents(group: &Group, index: &TypeIndex) -> TokenStream {
    let client = ident(&group.client);
    let client_doc =
        format!(" Client for the operations under `/{}`; borrow one from [`crate::Seam`].", group.path.join("/"));
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
    let methods = group.operations.iter().map(|operation| method(operation, group, index));
    let operation_impls = group.operations.iter().map(|operation| operation_impl(operation, group, index));
    let definitions = group.types.iter().map(types::definition);
    let submodules = group.subgroups.iter().map(|sub| {
        let module = ident(&sub.module);
        let doc = format!(" Operations under `/{}`.", sub.path.join("/"));
        let contents = contents(sub, index);
        quote! {
            #[doc = #doc]
            pub mod #module {
                #contents
            }
        }
    });
    quote! {
        #[doc = #client_doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy)]
        pub struct #client<'a> {
            pub(crate) client: &'a crate::Seam,
        }

        impl<'a> #client<'a> {
            #(#subgroup_accessors)*
            #(#methods)*
        }

        #(#operation_impls)*
        #(#definitions)*
        #(#submodules)*
    }
}

fn method(operation: &Operation, group: &Group, index: &TypeIndex) -> TokenStream {
    let name = ident(&operation.method);
    let request = ident(&operation.request);
    let response = ident(&operation.response);
    let whole = match &operation.returns {
        Returns::Field(key) => format!(
            "Returns the response's `{}`; [`crate::Seam::execute`] gives the whole [`{}`].",
            key.field.trim_start_matches("r#"),
            operation.response
        ),
        Returns::Whole => "Returns the whole response, with the action attempt the change started.".to_owned(),
        Returns::Nothing => {
            format!("Returns nothing; [`crate::Seam::execute`] gives the whole [`{}`].", operation.response)
        }
    };
    let mut docs = operation.docs.clone();
    docs.notes.push(whole);
    if let Some(example) = example(operation, group, index) {
        docs.notes.push(example);
    }
    let docs = docs::attributes(&docs);
    let (returns, body) = match &operation.returns {
        Returns::Field(key) => {
            let field = ident(&key.field);
            (
                types::field_type(&key.ty, false),
                quote!(self.client.execute(&request).await.map(|response| response.#field)),
            )
        }
        Returns::Whole => (quote!(#response), quote!(self.client.execute(&request).await)),
        Returns::Nothing => (quote!(()), quote!(self.client.execute(&request).await.map(|_| ()))),
    };
    let pagination = operation.pagination.as_ref().map(|pagination| {
        let pages = ident(&pagination.pages_method);
        let all = ident(&pagination.all_method);
        let item = type_path(&pagination.item);
        let pages_doc = format!(" The pages of [`{0}`](Self::{0}), fetched one at a time with [`crate::Pages::next_page`]; start from a saved cursor with the request's `page_cursor`.", operation.method.trim_start_matches("r#"));
        let all_doc = format!(" Every item of every page of [`{0}`](Self::{0}), as a stream that fetches each page when it needs it.", operation.method.trim_start_matches("r#"));
        quote! {
            #[doc = #pages_doc]
            pub fn #pages(&self, request: #request) -> crate::Pages<#request> {
                crate::Pages::new(::std::clone::Clone::clone(self.client), request)
            }

            #[doc = #all_doc]
            pub fn #all(&self, request: #request) -> impl ::futures_core::Stream<Item = crate::Result<#item>> + ::std::marker::Send + 'static {
                self.#pages(request).into_stream()
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

fn operation_impl(operation: &Operation, group: &Group, index: &TypeIndex) -> TokenStream {
    let request = ident(&operation.request);
    let response = ident(&operation.response);
    let path = &operation.http_path;
    let retry_safe = operation.retry_safe;
    let fields = index.request_fields(operation, group);
    let mut checks: Vec<TokenStream> = fields.iter().flat_map(|field| constraint_checks(field)).collect();
    checks.extend(index.request_exclusive(operation, group).iter().map(|names| {
        let pairs = names.iter().filter_map(|name| fields.iter().find(|f| &f.name == name)).map(|field| {
            let wire = &field.wire;
            let name = ident(&field.name);
            let present = match &field.ty {
                FieldType::OptionalNullable(_) => quote!(!self.#name.is_absent()),
                _ => quote!(self.#name.is_some()),
            };
            quote!((#wire, #present))
        });
        quote!(crate::wire::check_exclusive(&[#(#pairs),*])?;)
    }));
    let validate = (!checks.is_empty()).then(|| {
        quote! {
            fn validate(&self) -> ::std::result::Result<(), crate::ValidationError> {
                #(#checks)*
                ::std::result::Result::Ok(())
            }
        }
    });
    let paginated = operation.pagination.as_ref().map(|pagination| {
        let item = type_path(&pagination.item);
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
            const PATH: &'static str = #path;
            const RETRY_SAFE: bool = #retry_safe;
            type Response = #response;
            #validate
        }
        #paginated
    }
}

/// Calls to the runtime's checks for one request field, by the field's type and constraints.
fn constraint_checks(field: &Field) -> Vec<TokenStream> {
    let constraints = &field.constraints;
    let name = ident(&field.name);
    let wire = &field.wire;
    let mut checks = Vec::new();
    let inner = field.ty.inner();
    if *inner == TypeRef::String {
        let value = match &field.ty {
            FieldType::Required(_) => quote!(::std::option::Option::Some(self.#name.as_str())),
            _ => quote!(self.#name.as_deref()),
        };
        if let Some(pattern) = &constraints.pattern {
            checks.push(quote!(crate::wire::check_pattern(#wire, #value, #pattern)?;));
        }
        if constraints.min_length.is_some() || constraints.max_length.is_some() {
            let min = option_tokens(constraints.min_length);
            let max = option_tokens(constraints.max_length);
            checks.push(quote!(crate::wire::check_length(#wire, #value, #min, #max)?;));
        }
    }
    if *inner == TypeRef::DateTime {
        let value = match &field.ty {
            FieldType::Required(_) => quote!(::std::option::Option::Some(&self.#name)),
            _ => quote!(self.#name.as_ref()),
        };
        checks.push(quote!(crate::wire::check_date_time(#wire, #value)?;));
    }
    let numeric = matches!(inner, TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64);
    if numeric && (constraints.minimum.is_some() || constraints.maximum.is_some()) {
        let value = match &field.ty {
            FieldType::Required(_) => quote!(::std::option::Option::Some(self.#name as f64)),
            FieldType::OptionalNullable(_) => quote!(self.#name.as_ref().map(|value| *value as f64)),
            _ => quote!(self.#name.map(|value| value as f64)),
        };
        let min = option_tokens(constraints.minimum);
        let max = option_tokens(constraints.maximum);
        checks.push(quote!(crate::wire::check_range(#wire, #value, #min, #max)?;));
    }
    checks
}

fn option_tokens<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(value) => quote!(::std::option::Option::Some(#value)),
        None => quote!(::std::option::Option::None),
    }
}

/// A doctest (compiled, not run) calling the operation with its required fields, or `None` when a
/// required field has no obvious example value.
fn example(operation: &Operation, group: &Group, index: &TypeIndex) -> Option<String> {
    let module = group.path.iter().map(|s| crate::naming::snake_ident(s)).collect::<Vec<_>>().join("::");
    let fields = index.request_fields(operation, group);
    let args: Vec<String> = fields
        .iter()
        .filter(|f| f.ty.is_required())
        .map(|f| match &f.ty {
            FieldType::RequiredNullable(_) => Some("None".to_owned()),
            ty => index.example_value(ty.inner(), 0),
        })
        .collect::<Option<_>>()?;
    let call = group.path.iter().map(|s| format!(".{}()", crate::naming::snake_ident(s))).collect::<String>();
    let binding = match &operation.returns {
        Returns::Field(key) => format!("let {} = ", key.field.trim_start_matches("r#")),
        Returns::Whole => "let response = ".to_owned(),
        Returns::Nothing => String::new(),
    };
    let crate_name = index.crate_name;
    Some(format!(
        "# Example\n\n```no_run\n# async fn example(seam: {crate_name}::Seam) -> {crate_name}::Result<()> {{\nlet request = {crate_name}::{module}::{}::new({});\n{binding}seam{call}.{}(request).await?;\n# Ok(())\n# }}\n```",
        operation.request,
        args.join(", "),
        operation.method,
    ))
}
