//! Credentials and where they come from: arguments or the environment.

use crate::error::Error;
use reqwest::header::HeaderValue;
use seam_codegen_runtime::{ClientBuilder, Credential};
use std::fmt;

/// A secret string whose `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: String) -> Result<Self, Error> {
        if value.trim().is_empty() {
            return Err(Error::Config("a credential is empty".to_owned()));
        }
        if reqwest::header::HeaderValue::from_str(&value).is_err() {
            return Err(Error::Config("a credential contains characters not allowed in an HTTP header".to_owned()));
        }
        Ok(Secret(value))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How requests authenticate, as Seam's SDKs do it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Auth {
    /// `Authorization: Bearer <api key>`.
    ApiKey(Secret),
    /// `Authorization: Bearer <token>` and `seam-workspace: <workspace id>`.
    PersonalAccessToken { token: Secret, workspace_id: String },
    /// `Authorization: Bearer <token>` and `client-session-token: <token>`.
    ClientSessionToken(Secret),
}

impl Auth {
    /// The client with these credentials: the token as a bearer credential (marked sensitive, so
    /// that neither reqwest nor hyper shows it), and Seam's header beside it.
    pub(crate) fn configure(&self, client: ClientBuilder) -> Result<ClientBuilder, Error> {
        let bearer = |token: &Secret| Credential::bearer(token.expose());
        Ok(match self {
            Auth::ApiKey(key) => client.credential(bearer(key)?),
            Auth::PersonalAccessToken { token, workspace_id } => {
                client.credential(bearer(token)?).header("seam-workspace", workspace_id)
            }
            Auth::ClientSessionToken(token) => client
                .credential(bearer(token)?)
                .credential(Credential::api_key_header("client-session-token", token.expose())?),
        })
    }
}

/// Credentials given as arguments, before they are checked.
#[derive(Clone, Default)]
pub(crate) struct AuthSettings {
    pub(crate) api_key: Option<String>,
    pub(crate) personal_access_token: Option<String>,
    pub(crate) workspace_id: Option<String>,
    pub(crate) client_session_token: Option<String>,
}

impl AuthSettings {
    fn is_empty(&self) -> bool {
        self.api_key.is_none()
            && self.personal_access_token.is_none()
            && self.workspace_id.is_none()
            && self.client_session_token.is_none()
    }

    /// The one auth mode the settings describe; arguments win over the environment as a whole, so a
    /// stray `SEAM_API_KEY` cannot conflict with a token passed in code.
    pub(crate) fn resolve(&self, env: impl Fn(&str) -> Option<String>) -> Result<Auth, Error> {
        if !self.is_empty() {
            return self.resolve_from(
                "arguments",
                ["api_key", "personal_access_token", "workspace_id", "client_session_token"],
            );
        }
        let from_env = AuthSettings {
            api_key: env("SEAM_API_KEY"),
            personal_access_token: env("SEAM_PERSONAL_ACCESS_TOKEN"),
            workspace_id: env("SEAM_WORKSPACE_ID"),
            client_session_token: None,
        };
        if from_env.is_empty() {
            return Err(Error::Config(
                "no credentials: pass an API key, a personal access token with a workspace id, or a client session token, or set SEAM_API_KEY (or SEAM_PERSONAL_ACCESS_TOKEN and SEAM_WORKSPACE_ID)".to_owned(),
            ));
        }
        from_env.resolve_from(
            "the environment",
            ["SEAM_API_KEY", "SEAM_PERSONAL_ACCESS_TOKEN", "SEAM_WORKSPACE_ID", "client_session_token"],
        )
    }

    fn resolve_from(&self, source: &str, names: [&str; 4]) -> Result<Auth, Error> {
        let [api_key_name, pat_name, workspace_name, cst_name] = names;
        let given: Vec<&str> = [
            (self.api_key.is_some(), api_key_name),
            (self.personal_access_token.is_some(), pat_name),
            (self.client_session_token.is_some(), cst_name),
        ]
        .into_iter()
        .filter_map(|(present, name)| present.then_some(name))
        .collect();
        if given.len() > 1 {
            return Err(Error::Config(format!(
                "conflicting credentials in {source}: {}; give only one",
                given.join(" and ")
            )));
        }
        match (&self.api_key, &self.personal_access_token, &self.client_session_token, &self.workspace_id) {
            (Some(key), None, None, None) => Ok(Auth::ApiKey(Secret::new(key.clone())?)),
            (None, Some(token), None, Some(workspace)) if !workspace.trim().is_empty() => {
                if HeaderValue::from_str(workspace).is_err() {
                    return Err(Error::Config(format!(
                        "the workspace id in {source} contains characters not allowed in an HTTP header"
                    )));
                }
                Ok(Auth::PersonalAccessToken { token: Secret::new(token.clone())?, workspace_id: workspace.clone() })
            }
            (None, Some(_), None, _) => Err(Error::Config(format!("a personal access token needs a workspace id ({workspace_name}) in {source}"))),
            (None, None, Some(token), None) => Ok(Auth::ClientSessionToken(Secret::new(token.clone())?)),
            (_, None, _, Some(_)) => Err(Error::Config(format!("{workspace_name} is set in {source}, but only a personal access token ({pat_name}) takes a workspace id"))),
            (None, None, None, None) => Err(Error::Config(format!("no credentials in {source}"))),
            _ => Err(Error::Config(format!("conflicting credentials in {source}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| vars.get(name).cloned()
    }

    fn message(result: Result<Auth, Error>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn api_key_from_arguments_or_environment() {
        let args = AuthSettings { api_key: Some("seam_k".into()), ..Default::default() };
        assert_eq!(args.resolve(env(&[])).unwrap(), Auth::ApiKey(Secret("seam_k".into())));
        let none = AuthSettings::default();
        assert_eq!(none.resolve(env(&[("SEAM_API_KEY", "seam_e")])).unwrap(), Auth::ApiKey(Secret("seam_e".into())));
    }

    #[test]
    fn arguments_win_over_the_environment() {
        let args = AuthSettings { client_session_token: Some("seam_cst".into()), ..Default::default() };
        let auth = args.resolve(env(&[("SEAM_API_KEY", "seam_e"), ("SEAM_WORKSPACE_ID", "w")])).unwrap();
        assert_eq!(auth, Auth::ClientSessionToken(Secret("seam_cst".into())));
    }

    #[test]
    fn personal_access_token_needs_a_workspace() {
        let pat = env(&[("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_1"), ("SEAM_WORKSPACE_ID", "ws_1")]);
        assert_eq!(
            AuthSettings::default().resolve(pat).unwrap(),
            Auth::PersonalAccessToken { token: Secret("seam_at_1".into()), workspace_id: "ws_1".into() }
        );
        let missing = message(AuthSettings::default().resolve(env(&[("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_1")])));
        assert!(missing.contains("needs a workspace id (SEAM_WORKSPACE_ID)"), "{missing}");
    }

    #[test]
    fn conflicts_and_gaps_are_explained_without_secrets() {
        let both = message(
            AuthSettings::default()
                .resolve(env(&[("SEAM_API_KEY", "seam_secret_a"), ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_secret_b")])),
        );
        assert!(both.contains("SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN"), "{both}");
        assert!(!both.contains("seam_secret"), "{both}");
        let stray = message(AuthSettings::default().resolve(env(&[("SEAM_API_KEY", "k"), ("SEAM_WORKSPACE_ID", "w")])));
        assert!(stray.contains("only a personal access token"), "{stray}");
        let nothing = message(AuthSettings::default().resolve(env(&[])));
        assert!(nothing.contains("SEAM_API_KEY"), "{nothing}");
        let args =
            AuthSettings { api_key: Some("a".into()), client_session_token: Some("b".into()), ..Default::default() };
        assert!(message(args.resolve(env(&[]))).contains("api_key and client_session_token"));
    }

    #[test]
    fn secrets_never_print() {
        assert_eq!(format!("{:?}", Auth::ApiKey(Secret("seam_secret".into()))), "ApiKey(<redacted>)");
    }
}
