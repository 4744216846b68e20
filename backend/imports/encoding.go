package imports

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names reported in Table.Encoding.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF8BOM     = "utf-8-bom"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1252 = "windows-1252"
)

// sniffSize is how much of a text file the encoding and delimiter sniffers
// look at.
const sniffSize = 64 << 10

// textEncoding is a decided encoding: how many BOM bytes to skip, the
// decoder (nil for UTF-8) and whether fields must be checked for invalid
// UTF-8 (a file that switches encoding after the sniffed prefix).
type textEncoding struct {
	name     string
	bom      int
	enc      encoding.Encoding
	validate bool
	guessed  bool // no BOM and not valid UTF-8: Windows-1252 is a guess
}

// detectEncoding decides a text file's encoding from its first bytes:
//
//   - a byte order mark: UTF-8, UTF-16LE or UTF-16BE (the BOM is skipped);
//   - no BOM but NUL bytes in every other position: UTF-16 without a BOM,
//     little- or big-endian by which positions hold the NULs;
//   - valid UTF-8: UTF-8;
//   - invalid UTF-8 with no valid multi-byte UTF-8 sequence: Windows-1252,
//     the code page Excel writes "CSV (Comma delimited)" in on Western
//     European Windows (reported as guessed);
//   - both valid multi-byte UTF-8 and invalid bytes: mixed encodings, an
//     error naming the lines, since any single choice garbles some names.
//
// A forced name skips detection (a matching BOM is still skipped).
func detectEncoding(file string, head []byte, forced string) (textEncoding, error) {
	if forced != "" {
		return forcedEncoding(file, head, forced)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return textEncoding{name: EncodingUTF8BOM, bom: 3, validate: true}, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return textEncoding{name: EncodingUTF16LE, bom: 2, enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return textEncoding{name: EncodingUTF16BE, bom: 2, enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}, nil
	}
	if e, ok := utf16WithoutBOM(head); ok {
		return e, nil
	}
	if binaryBytes(head) {
		return textEncoding{}, notTextErr(file, contentText, head)
	}
	invalidLine, multiLine := utf8Evidence(head, len(head) >= sniffSize)
	switch {
	case invalidLine == 0:
		return textEncoding{name: EncodingUTF8, validate: true}, nil
	case multiLine == 0:
		return textEncoding{name: EncodingWindows1252, enc: charmap.Windows1252, guessed: true}, nil
	}
	return textEncoding{}, userErr(ErrEncoding, "%s mixes text encodings: line %d has UTF-8 characters but line %d has bytes that are not UTF-8 (probably Windows-1252). Names would be garbled whichever is chosen. Save the file again as \"CSV UTF-8\" in Excel, or choose the encoding and check the preview.", file, multiLine, invalidLine)
}

func forcedEncoding(file string, head []byte, name string) (textEncoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "utf-8", "utf8", EncodingUTF8BOM:
		e := textEncoding{name: EncodingUTF8, validate: true}
		if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
			e.name, e.bom = EncodingUTF8BOM, 3
		}
		return e, nil
	case "utf-16le", "utf16le", "unicode":
		e := textEncoding{name: EncodingUTF16LE, enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
		if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) {
			e.bom = 2
		}
		return e, nil
	case "utf-16be", "utf16be":
		e := textEncoding{name: EncodingUTF16BE, enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
		if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
			e.bom = 2
		}
		return e, nil
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return textEncoding{}, userErr(ErrEncoding, "%s: %q is not an encoding Throughline knows. Choose one such as utf-8, utf-16le, windows-1252, windows-1250 or shift_jis.", file, name)
	}
	canonical, _ := htmlindex.Name(enc)
	if canonical == "utf-8" {
		return forcedEncoding(file, head, "utf-8")
	}
	return textEncoding{name: canonical, enc: enc}, nil
}

// utf16WithoutBOM recognises UTF-16 text without a BOM by its NUL bytes:
// ASCII characters encode as one NUL and one letter, so nearly every other
// byte is NUL.
func utf16WithoutBOM(head []byte) (textEncoding, bool) {
	n := min(len(head), 4096) &^ 1
	if n < 4 {
		return textEncoding{}, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*3 && even*20 < pairs:
		return textEncoding{name: EncodingUTF16LE, enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}, true
	case even*10 >= pairs*3 && odd*20 < pairs:
		return textEncoding{name: EncodingUTF16BE, enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}, true
	}
	return textEncoding{}, false
}

// binaryBytes reports whether head holds NUL bytes or more than 1% other
// control characters (tab, line breaks, form feed and the DOS end-of-file
// mark excepted): not text in any 8-bit encoding.
func binaryBytes(head []byte) bool {
	ctl := 0
	for _, b := range head {
		switch {
		case b == 0:
			return true
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1A:
			ctl++
		}
	}
	return ctl*100 > len(head)
}

// binaryText is binaryBytes for decoded text (after UTF-16 decoding).
func binaryText(head []byte, enc encoding.Encoding) bool {
	if enc == nil {
		return false
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), head[:len(head)&^1])
	if err != nil {
		return true
	}
	return binaryBytes(out)
}

// utf8Evidence returns the 1-based line of the first invalid UTF-8 byte and
// of the first valid multi-byte character, 0 when there is none. When the
// sample was cut (truncated), an incomplete character at its end is ignored.
func utf8Evidence(b []byte, truncated bool) (invalidLine, multiLine int) {
	line := 1
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			if truncated && !utf8.FullRune(b[i:]) {
				break
			}
			if invalidLine == 0 {
				invalidLine = line
			}
		} else if multiLine == 0 {
			multiLine = line
		}
		if invalidLine != 0 && multiLine != 0 {
			break
		}
		i += max(size, 1)
	}
	return invalidLine, multiLine
}
