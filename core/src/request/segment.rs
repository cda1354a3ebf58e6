//! Values as URL path segments: percent-encoded, so no name can add a segment or a query.
use super::RequestError;
use crate::diagnostic::Param;

/// What stays as it is in a path segment: RFC 3986's unreserved characters and `()` (ARM IDs
/// use them); everything else is percent-encoded, so a value can never add a segment or a query.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'(').remove(b')');

/// A value as one URL path segment, percent-encoded. Empty, `.` and `..` are refused, also when
/// they only appear after percent-decoding (`%2e%2E`, however often encoded): URL parsers,
/// proxies and servers resolve dot segments, and `…/computes/..` is the workspace itself.
pub(crate) fn seg(field: &str, s: &str) -> Result<String, RequestError> {
    let mut plain = std::borrow::Cow::Borrowed(s);
    // Each decoding that changes anything shortens the text, so this ends.
    loop {
        let next = percent_encoding::percent_decode_str(&plain).decode_utf8_lossy().into_owned();
        if next == *plain {
            break;
        }
        plain = std::borrow::Cow::Owned(next);
    }
    if matches!(plain.trim(), "" | "." | "..") {
        return Err(RequestError::invalid("request.segment", field, vec![("value", Param::from(crate::text::clip(s, 40)))]));
    }
    Ok(percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::RequestErrorKind;
    #[test]
    fn names_cannot_escape_their_segment() {
        assert_eq!(seg("f", "a/b?c#d e"), Ok("a%2Fb%3Fc%23d%20e".into()));
        assert_eq!(seg("f", "rg.(1)_-~"), Ok("rg.(1)_-~".into()));
        assert_eq!(seg("f", "100%"), Ok("100%25".into()));
        assert_eq!(seg("f", "a.b..c"), Ok("a.b..c".into()));
    }

    #[test]
    fn dot_segments_are_refused_however_encoded() {
        for bad in ["", " ", ".", "..", "%2e", "%2E", "%2e%2e", "%2E.", ".%2e", "%252e%252E", "%25252e.", " .. "] {
            let e = seg("context.workspace.name", bad);
            assert!(
                matches!(&e, Err(e) if e.kind() == RequestErrorKind::Invalid && e.field() == "context.workspace.name"),
                "{bad:?}: {e:?}"
            );
        }
    }
}
