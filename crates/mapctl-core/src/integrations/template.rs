//! Filling a declaration's strings: `{setting}`, `{lookup}`,
//! `{credential:field}`, `{id}`, `{found}`.

use std::collections::BTreeMap;

use super::declaration::placeholders;

/// The values a template may name. An optional setting that is not set has
/// no value.
#[derive(Debug, Default, Clone)]
pub(crate) struct Values {
    pub(crate) values: BTreeMap<String, String>,
}

/// Why a template could not be filled: the placeholder without a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Missing(pub String);

impl Values {
    pub(crate) fn set(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.values.insert(key.into(), value.into());
    }

    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// The template with every placeholder filled.
    pub(crate) fn fill(&self, template: &str) -> Result<String, Missing> {
        self.fill_with(template, |v| v.to_owned())
    }

    fn fill_with(
        &self,
        template: &str,
        encode: impl Fn(&str) -> String,
    ) -> Result<String, Missing> {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        for p in placeholders(template) {
            let marker = format!("{{{p}}}");
            let at = rest.find(&marker).unwrap_or(rest.len());
            out.push_str(&rest[..at]);
            out.push_str(&encode(self.get(p).ok_or_else(|| Missing(p.to_owned()))?));
            rest = &rest[(at + marker.len()).min(rest.len())..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// A URL template: query parameters naming a value that is not set are
    /// left out (`?tenant={tenant}` without a tenant is no parameter), and
    /// values in the query are percent-encoded (a user name with `&`).
    pub(crate) fn fill_url(&self, template: &str) -> Result<String, Missing> {
        let (path, query) = match template.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (template, None),
        };
        let mut out = self.fill(path)?;
        let pairs: Vec<String> = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter_map(|pair| {
                self.fill_with(pair, |v| {
                    url::form_urlencoded::byte_serialize(v.as_bytes()).collect()
                })
                .ok()
            })
            .collect();
        if !pairs.is_empty() {
            out.push(if out.contains('?') { '&' } else { '?' });
            out.push_str(&pairs.join("&"));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unset_query_parameters_left_out() {
        let mut v = Values::default();
        v.set("base_url", "https://acme.halopsa.com");
        v.set("credential:public_key", "pub");
        assert_eq!(
            v.fill("{base_url}/auth/token").unwrap(),
            "https://acme.halopsa.com/auth/token"
        );
        assert_eq!(
            v.fill_url("{base_url}/auth/token?tenant={tenant}").unwrap(),
            "https://acme.halopsa.com/auth/token"
        );
        v.set("tenant", "acme");
        assert_eq!(
            v.fill_url("{base_url}/auth/token?tenant={tenant}&x=1")
                .unwrap(),
            "https://acme.halopsa.com/auth/token?tenant=acme&x=1"
        );
        assert_eq!(v.fill("c+{credential:public_key}").unwrap(), "c+pub");
        v.set("credential:username", "api&x@acme.example");
        assert_eq!(
            v.fill_url("{base_url}/zone?user={credential:username}")
                .unwrap(),
            "https://acme.halopsa.com/zone?user=api%26x%40acme.example"
        );
        assert_eq!(v.fill("{nope}/x"), Err(Missing("nope".into())));
    }
}
