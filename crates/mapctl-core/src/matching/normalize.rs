//! Organization names reduced to what identifies the company: case, accents,
//! punctuation, `&`/"and", a leading "The" and legal forms of many countries
//! (Inc, LLC, Ltd, GmbH, Pty Ltd, S.A., B.V., …) do not.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Legal forms and their long spellings, as tokens after folding (dots are
/// dropped first, so "S.A." is `sa` and "B.V." is `bv`). They are removed
/// from the end of a name, and "co"/"and" only together with one of them.
const LEGAL_FORMS: &[&str] = &[
    // English-speaking
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "plc",
    "pllc",
    "pc",
    "pty",
    "pte",
    "lc",
    "company",
    "co",
    "cie",
    // A web address's ending ("Amazon.com Inc"), not a legal form, but as
    // little a part of the name.
    "com",
    // German-speaking
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "kgaa",
    "ohg",
    "ug",
    "ev",
    "aktiengesellschaft",
    "gesellschaft",
    // Romance languages
    "sa",
    "sas",
    "sarl",
    "sca",
    "se",
    "spa",
    "srl",
    "sl",
    "slu",
    "sau",
    "ltda",
    "sab",
    "cv",
    "de",
    // Dutch, Belgian, Nordic
    "bv",
    "nv",
    "bvba",
    "ab",
    "publ",
    "as",
    "asa",
    "aps",
    "oy",
    "oyj",
    "abp",
    "hf",
    // Asian
    "kk",
    "bhd",
    "sdn",
    "tbk",
    "pt",
];

/// Common abbreviations of words in company names, spelled out.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("corp", "corporation"),
    ("mfg", "manufacturing"),
    ("intl", "international"),
    ("natl", "national"),
    ("hldgs", "holdings"),
    ("hldg", "holding"),
    ("grp", "group"),
    ("svcs", "services"),
    ("svc", "service"),
    ("sys", "systems"),
    ("bros", "brothers"),
    ("assoc", "associates"),
    ("mgmt", "management"),
    ("ctr", "center"),
    ("centre", "center"),
    ("univ", "university"),
];

/// A name folded for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// Lower-case words without accents, punctuation and legal forms.
    pub tokens: Vec<String>,
    /// The legal forms taken off its end, each as its family (`inc`,
    /// `corp`, `ltd`, `ab`, `kk`, …): "Corp" and "Corporation" agree, a US
    /// "Corp" and a Swedish "AB" do not.
    pub(crate) forms: Vec<&'static str>,
}

impl Normalized {
    pub fn new(name: &str) -> Self {
        let mut tokens = words(&fold(without_qualifiers(name)));
        if tokens.first().is_some_and(|t| t == "the") && tokens.len() > 1 {
            tokens.remove(0);
        }
        let forms = strip_legal_forms(&mut tokens);
        Normalized { tokens, forms }
    }

    /// A full company name held in a bracket at the end ("Fuji Shashin
    /// Film KK (Fuji Photo Film Co., Ltd.)"): an alias to match on, unlike
    /// a qualifier ("(old)", "(London)"). One with a legal form, or of
    /// three words or more.
    pub(crate) fn bracket_alias(name: &str) -> Option<Normalized> {
        let kept = without_qualifiers(name);
        if kept.len() == name.len() {
            return None;
        }
        let inside = name[kept.len()..]
            .trim()
            .trim_start_matches(['(', '['])
            .trim_end_matches([')', ']']);
        let alias = Normalized::new(inside);
        (alias.tokens.len() >= 3 || (!alias.forms.is_empty() && !alias.tokens.is_empty()))
            .then_some(alias)
    }

    /// The tokens joined by one space: equal keys are the same name.
    pub(crate) fn key(&self) -> String {
        self.tokens.join(" ")
    }

    /// The tokens run together: "Wal-Mart" and "Walmart" share it.
    pub(crate) fn compact(&self) -> String {
        self.tokens.concat()
    }
}

/// The name without a qualifier in brackets at its end: "Acme (old)",
/// "Puma (brand)", "Acme [London]". Brackets inside a name ("UBS (CH)
/// Property Fund") and a name that is all qualifier stay.
fn without_qualifiers(name: &str) -> &str {
    let trimmed = name.trim_end();
    let Some(close) = trimmed.chars().last().filter(|c| matches!(c, ')' | ']')) else {
        return name;
    };
    let open = if close == ')' { '(' } else { '[' };
    match trimmed.rfind(open) {
        Some(i) if !trimmed[..i].trim().is_empty() => &trimmed[..i],
        _ => name,
    }
}

/// Lower case, accents removed (NFKD without combining marks), letters that
/// do not decompose spelled out, `&` and `+` as " and ", apostrophes
/// dropped, every other non-alphanumeric a space.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '&' | '+' => out.push_str(" and "),
            '\'' | '’' | '`' => {}
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' | 'ð' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out
}

/// Words, with runs of single letters joined ("A/S" is `as`, "S.p.A." is
/// `spa`, "J. P. Morgan" is `jp morgan`), abbreviations spelled out, and
/// German umlauts spelled either way alike ("Dürr" and "Duerr" are `durr`).
fn words(folded: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut letters = String::new();
    for w in folded.split_whitespace() {
        if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
            letters.push_str(w);
            continue;
        }
        if !letters.is_empty() {
            out.push(std::mem::take(&mut letters));
        }
        out.push(w.to_owned());
    }
    if !letters.is_empty() {
        out.push(letters);
    }
    for w in &mut out {
        if let Some((_, long)) = ABBREVIATIONS.iter().find(|(short, _)| short == w) {
            *w = (*long).to_owned();
        }
        if w.contains("ae") || w.contains("oe") || w.contains("ue") {
            *w = w.replace("ae", "a").replace("oe", "o").replace("ue", "u");
        }
    }
    out
}

/// Removes legal forms from the end ("Acme Holdings Pty Ltd" → "acme
/// holdings"; "GmbH & Co. KG" as a whole), keeping at least one token: a
/// company called "Company" stays.
fn strip_legal_forms(tokens: &mut Vec<String>) -> Vec<&'static str> {
    let mut stripped = false;
    let mut forms = Vec::new();
    while tokens.len() > 1 {
        let last = tokens.last().map(String::as_str).unwrap_or_default();
        if let Some(form) = LEGAL_FORMS.iter().find(|f| **f == last) {
            if let Some(family) = family(form) {
                forms.push(family);
            }
            tokens.pop();
            stripped = true;
        } else if stripped && last == "and" {
            tokens.pop();
        } else {
            break;
        }
    }
    forms
}

/// The family of a legal form, long and short spellings alike; None for
/// what says nothing of the entity ("co", "and", "com").
fn family(form: &'static str) -> Option<&'static str> {
    Some(match form {
        "incorporated" => "inc",
        "corporation" => "corp",
        "limited" => "ltd",
        "company" | "co" | "cie" | "com" | "de" | "publ" => return None,
        "aktiengesellschaft" => "ag",
        f => f,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        Normalized::new(name).key()
    }

    #[test]
    fn legal_forms_case_accents_and_punctuation_do_not_count() {
        assert_eq!(key("ACME Corporation Ltd"), "acme");
        assert_eq!(key("Acme Corp."), "acme");
        assert_eq!(key("Nestlé S.A."), "nestle");
        assert_eq!(key("Wärtsilä Oyj Abp"), "wartsila");
        assert_eq!(key("Müller GmbH & Co. KG"), "muller");
        assert_eq!(key("Koninklijke Philips N.V."), "koninklijke philips");
        assert_eq!(key("Sumitomo Chemical Co., Ltd."), "sumitomo chemical");
        assert_eq!(key("Acme Holdings Pty Ltd"), "acme holdings");
        assert_eq!(key("The Oriental Land Company"), "oriental land");
        assert_eq!(key("Procter & Gamble"), "procter and gamble");
        assert_eq!(key("Procter and Gamble Co"), "procter and gamble");
        assert_eq!(key("McDonald’s Corporation"), "mcdonalds");
        assert_eq!(key("Ørsted A/S"), "orsted");
        assert_eq!(key("Straße AG"), "strasse");
        assert_eq!(key("Amada Co."), "amada");
        assert_eq!(key("Amazon.com, Inc."), "amazon");
        assert_eq!(key("Dürr AG"), key("Duerr AG"));
        assert_eq!(key("Murata Mfg Co"), "murata manufacturing");
        assert_eq!(
            key("Packaging Corp of America"),
            key("Packaging Corporation of America")
        );
        assert_eq!(key("J.P. Morgan Chase & Co."), "jp morgan chase");
        assert_eq!(key("Puma (brand)"), "puma");
        assert_eq!(key("(old) Acme"), "old acme");
        assert_eq!(key("UBS (CH) Property Fund"), "ubs ch property fund");
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_keeps_a_token() {
        assert_eq!(key("Company"), "company");
        assert_eq!(key("The"), "the");
        assert_eq!(key("Limited Inc"), "limited");
        assert_eq!(key(""), "");
    }

    #[test]
    fn compact_joins_hyphenated_spellings() {
        assert_eq!(
            Normalized::new("Wal-Mart Stores").compact(),
            Normalized::new("Walmart Stores, Inc.").compact()
        );
    }
}
