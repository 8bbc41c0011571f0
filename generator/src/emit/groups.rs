//! Group clients (`seam.acs().credentials()`), their operation methods, and the request and
//! response types of each group, nested in modules that follow the HTTP paths.

use super::{docs, ident, type_path, types};
use crate::model::{FieldType, Group, Operation};
use proc_macro2::TokenStream;
use quote::quote;

/// The file of a top-level group: its accessor on `Seam`, and its contents.
pub fn module_file(group: &Group) -> TokenStream {
    let accessor = ident(&group.module);
    let client = ident(&group.client);
    let accessor_doc = format!(" Operations under `/{}`.", group.path.join("/"));
    let contents = contents(group);
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

fn contents(group: &Group) -> TokenStream {
    let client = ident(&group.client);
    let client_doc = format!(" Client for the operations under `/{}`; borrow one from [`crate::Seam`].", group.path.join("/"));
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
    let methods = group.operations.iter().map(method);
    let operation_impls = group.operations.iter().map(operation_impl);
    let definitions = group.types.iter().map(types::definition);
    let submodules = group.subgroups.iter().map(|sub| {
        let module = ident(&sub.module);
        let doc = format!(" Operations under `/{}`.", sub.path.join("/"));
        let contents = contents(sub);
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

fn method(operation: &Operation) -> TokenStream {
    let name = ident(&operation.method);
    let request = ident(&operation.request);
    let whole = format!(
        " Returns {}; [`crate::Seam::execute`] gives the whole [`{}`].",
        match &operation.response_key {
            Some(key) => format!("the response's `{}`", key.field.trim_start_matches("r#")),
            None => "nothing".to_owned(),
        },
        operation.response
    );
    let mut docs = operation.docs.clone();
    docs.notes.push(whole.trim_start().to_owned());
    let docs = docs::attributes(&docs);
    let (returns, body) = match &operation.response_key {
        Some(key) => {
            let field = ident(&key.field);
            let ty = match &key.ty {
                FieldType::Required(ty) => type_path(ty),
                FieldType::RequiredNullable(ty) | FieldType::Optional(ty) => {
                    let ty = type_path(ty);
                    quote!(::std::option::Option<#ty>)
                }
                FieldType::OptionalNullable(ty) => {
                    let ty = type_path(ty);
                    quote!(crate::Nullable<#ty>)
                }
            };
            (ty, quote!(self.client.execute(&request).await.map(|response| response.#field)))
        }
        None => (quote!(()), quote!(self.client.execute(&request).await.map(|_| ()))),
    };
    quote! {
        #docs
        pub async fn #name(&self, request: #request) -> crate::Result<#returns> {
            #body
        }
    }
}

fn operation_impl(operation: &Operation) -> TokenStream {
    let request = ident(&operation.request);
    let response = ident(&operation.response);
    let path = &operation.http_path;
    quote! {
        impl crate::Operation for #request {
            const PATH: &'static str = #path;
            type Response = #response;
        }
    }
}

