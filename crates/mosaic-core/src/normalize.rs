use unicode_normalization::UnicodeNormalization;

/// Removes combining marks after canonical decomposition, mapping the Turkish dotless/dotted i
/// explicitly (NFKD leaves `ı` alone): "Millî İstihbarat Teşkilatı" → "Milli Istihbarat Teskilati".
pub fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ı' => 'i',
            'İ' => 'I',
            other => other,
        })
        .collect::<String>()
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// The comparison key for names, matching the scorer's rules: diacritics stripped, lower case,
/// curly apostrophes straightened, a possessive `'s` dropped, punctuation other than `'` and `-`
/// turned into spaces, whitespace collapsed, and a leading "the " removed.
pub fn fold_key(s: &str) -> String {
    let lowered = strip_diacritics(s).to_lowercase().replace(['’', '‘'], "'");
    let mut out = String::with_capacity(lowered.len());
    let chars: Vec<char> = lowered.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // "'s" at the end of a word is a possessive.
        if c == '\''
            && chars.get(i + 1) == Some(&'s')
            && !chars
                .get(i + 2)
                .is_some_and(|n| n.is_alphanumeric() || *n == '_')
        {
            i += 2;
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == '\'' || c == '-' || c.is_whitespace() {
            out.push(if c.is_whitespace() { ' ' } else { c });
        } else {
            out.push(' ');
        }
        i += 1;
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => collapsed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_turkish_letters_and_possessives() {
        assert_eq!(
            fold_key("Millî İstihbarat Teşkilatı"),
            "milli istihbarat teskilati"
        );
        assert_eq!(fold_key("Türkiye’s"), "turkiye");
        assert_eq!(fold_key("The Washington Post"), "washington post");
        assert_eq!(fold_key("U.S."), "u s");
        assert_eq!(fold_key("Güler"), "guler");
    }
}
