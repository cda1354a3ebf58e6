//! The streaming reader of resource documents as Azure returns them (a ManagedCluster, a
//! compute): keys matched without regard to case, two keys of one object that differ only in
//! case refused, and everything a document holds beyond what is read skipped without building
//! a JSON value (still through the parser's nesting check, so too deep is a syntax error).
use crate::text::{clip, quoted};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;

/// A JSON value read and dropped. Unlike serde's `IgnoredAny`, which serde_json skips without
/// counting depth, this goes through `deserialize_any`, so the nesting limit holds as it does
/// for a JSON value; and unlike a value, it allocates nothing.
pub(crate) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skip, D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_none<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Skip, D::Error> {
        Skip::deserialize(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_key::<Skip>()?.is_some() {
            map.next_value::<Skip>()?;
        }
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// A value where a document has a leaf: what it is, objects and lists skipped.
pub(crate) enum Leaf<'de> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: `Some` when it is a whole number (`3.0` too, as some tools print counts).
    Num(Option<i64>),
    /// Text, borrowed from the input when it has no escapes.
    Str(Cow<'de, str>),
    /// An object or a list.
    Other,
}

impl<'de> Leaf<'de> {
    /// The text, when it is text (as `Value::as_str` reads it).
    pub fn text(self) -> Option<String> {
        match self {
            Leaf::Str(s) => Some(s.into_owned()),
            _ => None,
        }
    }
    /// The boolean, when it is one; anything else is false (as `as_bool().unwrap_or(false)`).
    pub fn flag(&self) -> bool {
        matches!(self, Leaf::Bool(true))
    }
}

/// A float is a whole number when it has no fraction, read as that integer where it fits
/// i64: JSON writers print counts as `3.0`, `2e3` or `1e16` (JavaScript writes 10^16 so, and
/// 10^21 as `1e+21`). Every float at or beyond 2^53 is whole; the integer is the float's own.
pub(crate) fn whole_f64(f: f64) -> Option<i64> {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    (f.fract() == 0.0 && (-TWO_63..TWO_63).contains(&f)).then_some(f as i64)
}

impl<'de> Deserialize<'de> for Leaf<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Leaf<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Leaf<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, i: i64) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Num(Some(i)))
            }
            fn visit_u64<E: de::Error>(self, u: u64) -> Result<Leaf<'de>, E> {
                // Beyond i64, as a float it is at least 9.2e18: not a count (as `whole` says).
                Ok(Leaf::Num(i64::try_from(u).ok()))
            }
            fn visit_f64<E: de::Error>(self, f: f64) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Num(whole_f64(f)))
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Str(Cow::Owned(s)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Leaf<'de>, E> {
                Ok(Leaf::Null)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Leaf<'de>, A::Error> {
                Skip.visit_map(map).map(|_| Leaf::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Leaf<'de>, A::Error> {
                Skip.visit_seq(seq).map(|_| Leaf::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads text where it lies in the input (or in the parser's buffer, when it has escapes)
/// with `text`, or any other value, built, with `value` (null included): for the readers that
/// take both. The text is handed over as it is read, not copied into a `String` first.
pub(crate) struct TextOrValue<F, G> {
    /// What to do with text.
    pub text: F,
    /// What to do with any other value.
    pub value: G,
}

impl<'de, T, F: FnOnce(&str) -> T, G: FnOnce(serde_json::Value) -> T> DeserializeSeed<'de> for TextOrValue<F, G> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T, F: FnOnce(&str) -> T, G: FnOnce(serde_json::Value) -> T> Visitor<'de> for TextOrValue<F, G> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<T, E> {
        Ok((self.value)(b.into()))
    }
    fn visit_i64<E: de::Error>(self, i: i64) -> Result<T, E> {
        Ok((self.value)(i.into()))
    }
    fn visit_u64<E: de::Error>(self, u: u64) -> Result<T, E> {
        Ok((self.value)(u.into()))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<T, E> {
        Ok((self.value)(f.into()))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        Ok((self.text)(s))
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok((self.value)(serde_json::Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok((self.value)(serde_json::Value::Null))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(self.value)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(self.value)
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Whether a document's key is `name`, without regard to case. The exact spelling, which
/// nearly every document uses, is compared first: against a constant that is a few register
/// compares, where the case-blind comparison walks the bytes one by one.
#[inline(always)]
pub(crate) fn is_key(key: &str, name: &str) -> bool {
    key.len() == name.len() && (key == name || same_but_case(key, name))
}

/// The case-blind comparison, once: a key of the same length but another spelling is rare
/// enough not to repeat the byte loop wherever a document names a key.
#[inline(never)]
fn same_but_case(key: &str, name: &str) -> bool {
    key.eq_ignore_ascii_case(name)
}

/// The next value's text, if it is text. The small readers here are never inlined: each
/// exists once, not once per key of every document object (800 bytes of the browser's module).
#[inline(never)]
pub(crate) fn text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    Ok(map.next_value::<Leaf>()?.text())
}

/// Whether the next value is `true`.
#[inline(never)]
pub(crate) fn flag<'de, A: MapAccess<'de>>(map: &mut A) -> Result<bool, A::Error> {
    Ok(map.next_value::<Leaf>()?.flag())
}

/// Skips the next value.
#[inline(never)]
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<Skip>().map(|_| ())
}

/// One object of a document, read entry by entry.
pub(crate) trait DocObject<'de>: Default {
    /// Reads the value of `key` into `self` with `map.next_value…` (a key read without regard
    /// to case), or skips it with [`Skip`]. A key given twice is read twice: the last wins, as
    /// in a JSON value.
    fn entry<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error>;
}

/// Two keys of one object that differ only in case, each quoted (and clipped) for a message.
pub(crate) type Clash = (String, String);

/// An object read from a document, with the keys that clash in case.
pub(crate) struct Read<T> {
    /// What was read.
    pub value: T,
    /// Two keys that differ only in case, when the object's keys are checked.
    pub clash: Option<Clash>,
}

/// Reads an object of a document into `out` (left alone for any other value, which is
/// skipped). `checked` says whether its keys are checked for a case clash (which needs every
/// key kept until the object ends). Read in place: a document's objects are a few hundred
/// bytes, which every parser layer would copy on the way back up.
pub(crate) struct Obj<'a, T> {
    checked: bool,
    out: &'a mut T,
}

impl<'a, T> Obj<'a, T> {
    /// An object whose keys must not clash in case.
    pub fn checked(out: &'a mut T) -> Self {
        Obj { checked: true, out }
    }
    /// An object whose keys are not checked.
    pub fn unchecked(out: &'a mut T) -> Self {
        Obj { checked: false, out }
    }
}

/// What a document's value turned out to be.
pub(crate) enum Got {
    /// `null`.
    Null,
    /// An object, read, with the keys that clash in case.
    Object(Option<Clash>),
    /// Any other value (skipped).
    Other,
}

impl<'de, T: DocObject<'de>> DeserializeSeed<'de> for Obj<'_, T> {
    type Value = Got;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Got, D::Error> {
        d.deserialize_any(self)
    }
}

/// Reads the next value, an object of a document, into `slot`: `None` for any other value.
pub(crate) fn object<'de, A: MapAccess<'de>, T: DocObject<'de>>(map: &mut A, slot: &mut Option<Read<T>>) -> Result<(), A::Error> {
    let read = slot.insert(Read { value: T::default(), clash: None });
    match map.next_value_seed(Obj::checked(&mut read.value))? {
        Got::Object(clash) => read.clash = clash,
        Got::Null | Got::Other => *slot = None,
    }
    Ok(())
}

impl<'de, T: DocObject<'de>> Visitor<'de> for Obj<'_, T> {
    type Value = Got;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Got, E> {
        Ok(Got::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Got, E> {
        Ok(Got::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Got, E> {
        Ok(Got::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Got, A::Error> {
        Skip.visit_seq(seq).map(|_| Got::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Got, A::Error> {
        // A document's objects have a few keys: kept on the stack, not in an allocation each.
        let mut keys: SmallVec<[Cow<'de, str>; 16]> = SmallVec::new();
        while let Some(Key(k)) = map.next_key()? {
            self.out.entry(&k, &mut map)?;
            if self.checked {
                keys.push(k);
            }
        }
        let clash = if self.checked { case_clash_of(keys.iter().map(|k| &**k)) } else { None };
        Ok(Got::Object(clash))
    }
}

/// Two keys of one object that differ only in case, which a case-insensitive reader could not
/// choose between (and serde_json's map order, which a build feature changes, would choose).
/// A key given twice is one key. The pair reported is the first of the keys' sorted order:
/// its lowest group of keys equal but for case, that group's two lowest keys.
pub(crate) fn case_clash_of<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> Option<Clash> {
    const FEW: usize = 24;
    let (a, b) = if keys.len() <= FEW {
        // An object of a resource document has a few keys: comparing each pair costs less than
        // lower-casing and sorting them all, and allocates nothing. They are copied out first,
        // so that the pairs are taken from a slice, not by stepping a map's iterator again for
        // each key.
        let mut few = [""; FEW];
        let n = keys.len();
        for (slot, k) in few.iter_mut().zip(keys) {
            *slot = k;
        }
        let keys = &few[..n];
        let mut found: Option<(&str, &str)> = None;
        for (i, &a) in keys.iter().enumerate() {
            for &b in &keys[i + 1..] {
                if a.len() == b.len() && a != b && a.eq_ignore_ascii_case(b) {
                    let pair = if a < b { (a, b) } else { (b, a) };
                    found = Some(match found {
                        Some(f) if (f.0.to_ascii_lowercase(), f.0, f.1) <= (pair.0.to_ascii_lowercase(), pair.0, pair.1) => f,
                        _ => pair,
                    });
                }
            }
        }
        found?
    } else {
        let mut keys: Vec<(String, &str)> = keys.map(|k| (k.to_ascii_lowercase(), k)).collect();
        keys.sort_unstable();
        keys.dedup_by(|a, b| a.1 == b.1);
        keys.windows(2).find(|w| w[0].0 == w[1].0).map(|w| (w[0].1, w[1].1))?
    };
    Some((quoted(&clip(a, 40)), quoted(&clip(b, 40))))
}

#[cfg(test)]
mod tests {
    fn case_clash(v: &serde_json::Value) -> Option<super::Clash> {
        super::case_clash_of(v.as_object()?.keys().map(String::as_str))
    }

    #[test]
    fn a_case_clash_is_the_same_in_a_small_and_a_large_object() {
        let mut small = serde_json::Map::new();
        for k in ["zeta", "Beta", "BETA", "beta", "Alpha"] {
            small.insert(k.into(), 1.into());
        }
        let mut large = small.clone();
        for i in 0..40 {
            large.insert(format!("k{i}"), 1.into());
        }
        let (small, large) = (case_clash(&small.into()), case_clash(&large.into()));
        assert_eq!(small, Some((r#""BETA""#.to_string(), r#""Beta""#.to_string())), "{small:?}");
        assert_eq!(small, large);
        assert_eq!(case_clash(&serde_json::json!({"a": 1, "b": 2})), None);
    }

    #[test]
    fn a_key_given_twice_is_no_clash_in_a_small_or_a_large_object() {
        let mut keys = vec!["id", "id", "name"];
        assert_eq!(super::case_clash_of(keys.iter().copied()), None);
        let many: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        keys.extend(many.iter().map(String::as_str));
        keys.push("name");
        assert_eq!(super::case_clash_of(keys.iter().copied()), None);
        keys.push("Name");
        let m = super::case_clash_of(keys.iter().copied());
        assert_eq!(m, Some((r#""Name""#.to_string(), r#""name""#.to_string())), "{m:?}");
    }
}
