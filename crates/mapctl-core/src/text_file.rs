//! Text files as Windows writes them (contract §11). Windows PowerShell
//! 5.1's `>` and `Out-File` write UTF-16LE with a byte-order mark; Excel
//! saves "CSV UTF-8" with a UTF-8 mark, and plain "CSV" in the ANSI code
//! page. The first two are read as what they are; anything else that is
//! not UTF-8 is refused whole, saying what to save it as, so that nothing
//! is half-read or stored garbled.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// How to save a file that mapctl cannot read.
const SAVE_AS: &str = "save it as UTF-8 (Excel: \"CSV UTF-8\"; PowerShell: `Out-File -Encoding utf8`, or `Set-Content -Encoding utf8`)";

/// A file that is not text in an encoding mapctl reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    what: String,
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {SAVE_AS}", self.what)
    }
}

impl std::error::Error for NotText {}

impl From<NotText> for std::io::Error {
    fn from(e: NotText) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, e)
    }
}

/// The text of `bytes`: UTF-8 (a leading byte-order mark dropped), or
/// UTF-16 little- or big-endian after its byte-order mark.
pub fn decode(bytes: Vec<u8>) -> Result<String, NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest.to_vec());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes, "UTF-16BE");
    }
    // UTF-16 without its mark: every other byte of ASCII text is zero.
    if bytes.len() >= 4
        && bytes.iter().take(64).filter(|b| **b == 0).count() * 3 >= bytes.len().min(64)
    {
        return Err(NotText {
            what: "it looks like UTF-16 without a byte-order mark".into(),
        });
    }
    utf8(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String, NotText> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        NotText {
            what: format!(
                "it is not UTF-8 (byte 0x{:02X} on line {line}); a Windows code page (\"ANSI\") is likely",
                bytes[at]
            ),
        }
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<String, NotText> {
    if !bytes.len().is_multiple_of(2) {
        return Err(NotText {
            what: format!("it is cut short: {name} with an odd number of bytes"),
        });
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| NotText {
            what: format!(
                "it is not valid {name} (a lone surrogate 0x{:04X})",
                e.unpaired_surrogate()
            ),
        })
}

/// Reads a whole file as text (see `decode`).
pub fn read(path: &Path) -> std::io::Result<String> {
    Ok(decode(std::fs::read(path)?)?)
}

/// Reads at most `limit` bytes of `reader` as text (see `decode`).
pub fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    reader.take(limit).read_to_end(&mut bytes)?;
    Ok(decode(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn powershell_utf16le_with_its_mark_is_read() {
        assert_eq!(
            decode(utf16le("name\r\nMüller GmbH 🦀\r\n")).unwrap(),
            "name\r\nMüller GmbH 🦀\r\n"
        );
    }

    #[test]
    fn utf16be_with_its_mark_is_read() {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("Société".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(bytes).unwrap(), "Société");
    }

    #[test]
    fn excel_utf8_with_a_mark_loses_the_mark() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFid,name\n".to_vec()).unwrap(),
            "id,name\n"
        );
    }

    #[test]
    fn a_windows_1252_csv_is_refused_naming_the_encoding_to_save_as() {
        // "Müller" in Windows-1252: ü is the single byte 0xFC.
        let err = decode(b"id,name\nm,M\xFCller\n".to_vec())
            .unwrap_err()
            .to_string();
        assert!(err.contains("not UTF-8"), "{err}");
        assert!(err.contains("0xFC on line 2"), "{err}");
        assert!(err.contains("CSV UTF-8"), "{err}");
    }

    #[test]
    fn utf16_without_a_mark_or_cut_short_is_refused() {
        let bare: Vec<u8> = "id,name"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            decode(bare)
                .unwrap_err()
                .to_string()
                .contains("without a byte-order mark")
        );
        let mut odd = utf16le("ab");
        odd.push(b'c');
        assert!(decode(odd).unwrap_err().to_string().contains("odd number"));
        let lone = vec![0xFF, 0xFE, 0x00, 0xD8];
        assert!(decode(lone).unwrap_err().to_string().contains("surrogate"));
    }

    #[test]
    fn plain_utf8_is_unchanged() {
        assert_eq!(
            decode("株式会社\n".as_bytes().to_vec()).unwrap(),
            "株式会社\n"
        );
    }
}
