//! IPTC ninjs (news in JSON), all three series mapped to one article. The mapping is in
//! docs/formats.md; unknown fields are ignored.
//!
//! | article   | 1.x                                   | 2.x                         | 3.x                          |
//! |-----------|---------------------------------------|-----------------------------|------------------------------|
//! | id        | `uri`                                 | `uri`                       | `uri`                        |
//! | headline  | `headline`                            | `headlines[]` (`role` main), `headline` | `headlines[]` (`role` main) |
//! | body      | `body_text`, else `body_html`/`body_xhtml` | `bodies[]` (`role` main; `contenttype` html or text) | `bodies[]` (`contentType`) |
//! | byline    | `byline`                              | `by`                        | `by`                         |
//! | date      | `firstcreated`, `versioncreated`      | `firstcreated`, `versioncreated` | `firstCreated`, `contentCreated`, `versionCreated` |
//! | outlet    | `copyrightholder`                     | `infosources[0].name`, `copyrightholder` | `infoSources[0].name`, `copyrightHolder` |
//! | url       | `uri` when it is an http(s) URL       | same                        | same                         |

use super::record::{Body, Record, first, string};

/// Whether a JSON object looks like a ninjs item (rather than a house-format record).
pub fn is_ninjs(v: &serde_json::Value) -> bool {
    let Some(o) = v.as_object() else {
        return false;
    };
    [
        "uri",
        "body_text",
        "body_html",
        "body_xhtml",
        "bodies",
        "headlines",
        "versioncreated",
        "versionCreated",
        "firstcreated",
        "firstCreated",
    ]
    .iter()
    .any(|k| o.contains_key(*k))
        && !o.contains_key("body")
}

/// The ninjs series an item uses, by its field names: 3 (camelCase), 2 (`bodies`,
/// `headlines` in lower case) or 1 (`headline`, `body_*`).
pub fn series(v: &serde_json::Value) -> u8 {
    let has = |k: &str| v.get(k).is_some();
    if has("versionCreated")
        || has("firstCreated")
        || has("contentCreated")
        || has("altIds")
        || has("infoSources")
    {
        3
    } else if has("bodies") || has("headlines") || has("by") || has("infosources") {
        2
    } else {
        1
    }
}

/// One ninjs item as a record.
pub fn record(v: &serde_json::Value) -> Record {
    let s = series(v);
    let ct_key = if s == 3 { "contentType" } else { "contenttype" };
    let headline = pick(v.get("headlines"))
        .and_then(|h| string(h, "value"))
        .or_else(|| string(v, "headline"));
    let body = pick(v.get("bodies"))
        .and_then(|b| {
            let ct = b
                .get(ct_key)
                .or_else(|| b.get("contentType"))
                .or_else(|| b.get("contenttype"))
                .and_then(|c| c.as_str())
                .unwrap_or("text/plain");
            let f = string(b, "value")?;
            Some(if ct.contains("html") {
                Body::Html(f)
            } else {
                Body::Text(f)
            })
        })
        .or_else(|| string(v, "body_text").map(Body::Text))
        .or_else(|| first(v, &["body_html", "body_xhtml"]).map(Body::Html));
    let outlet = v
        .get("infoSources")
        .or_else(|| v.get("infosources"))
        .and_then(|a| a.as_array())
        .and_then(|a| a.first())
        .and_then(|x| string(x, "name"))
        .or_else(|| first(v, &["copyrightHolder", "copyrightholder"]));
    let uri = string(v, "uri");
    Record {
        url: uri
            .clone()
            .filter(|u| u.value.starts_with("http://") || u.value.starts_with("https://")),
        id: uri,
        headline,
        byline: first(v, &["by", "byline"]),
        body,
        date: first(
            v,
            &[
                "firstCreated",
                "firstcreated",
                "contentCreated",
                "versionCreated",
                "versioncreated",
            ],
        ),
        outlet,
    }
}

/// The entry of `headlines` / `bodies` with role `main`, else the first.
fn pick(v: Option<&serde_json::Value>) -> Option<&serde_json::Value> {
    let a = v?.as_array()?;
    a.iter()
        .find(|x| x.get("role").and_then(|r| r.as_str()) == Some("main"))
        .or_else(|| a.first())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(r: &Record) -> &str {
        match r.body.as_ref().unwrap() {
            Body::Text(f) | Body::Html(f) => &f.value,
        }
    }

    #[test]
    fn three_series_one_article() {
        let v1 = json!({"uri": "urn:x:1", "headline": "Pier 7 shut", "byline": "A. Okafor",
            "body_text": "The pier stayed shut.", "firstcreated": "2031-03-14T08:00:00Z",
            "copyrightholder": "Harbour Wire"});
        let v2 = json!({"uri": "urn:x:1", "headlines": [{"role": "main", "value": "Pier 7 shut"}],
            "by": "A. Okafor", "bodies": [{"role": "main", "contenttype": "text/plain", "value": "The pier stayed shut."}],
            "firstcreated": "2031-03-14T08:00:00Z", "infosources": [{"name": "Harbour Wire"}]});
        let v3 = json!({"uri": "urn:x:1", "headlines": [{"role": "main", "value": "Pier 7 shut"}],
            "by": "A. Okafor", "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>The pier stayed shut.</p>"}],
            "firstCreated": "2031-03-14T08:00:00Z", "infoSources": [{"name": "Harbour Wire"}]});
        assert_eq!((series(&v1), series(&v2), series(&v3)), (1, 2, 3));
        for v in [&v1, &v2, &v3] {
            assert!(is_ninjs(v));
            let r = record(v);
            assert_eq!(r.headline.as_ref().unwrap().value, "Pier 7 shut");
            assert_eq!(r.byline.as_ref().unwrap().value, "A. Okafor");
            assert!(body(&r).contains("The pier stayed shut."));
            assert_eq!(r.date.as_ref().unwrap().value, "2031-03-14T08:00:00Z");
            assert_eq!(r.outlet.as_ref().unwrap().value, "Harbour Wire");
            assert_eq!(r.id.as_ref().unwrap().value, "urn:x:1");
        }
        assert!(matches!(record(&v3).body, Some(Body::Html(_))));
    }
}
