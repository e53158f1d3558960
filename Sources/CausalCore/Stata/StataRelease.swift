/// The field widths of one Stata `.dta` format (release 117, 118 or 119).
///
/// Release 117 is written by Stata 13; 118 by Stata 14 to 18 (UTF-8 text, 64-bit observation
/// counts); 119 by Stata 15 to 18 for datasets with more than 32,767 variables (32-bit variable
/// counts). The widths are those of the published `.dta` format descriptions.
struct StataRelease: Sendable, Equatable {
  /// The format number: 117, 118 or 119.
  let number: Int

  /// Creates the layout of a supported release.
  ///
  /// - Throws: ``StataError/unsupportedRelease(release:)`` for any other number.
  init(_ number: Int) throws(StataError) {
    guard (117...119).contains(number) else { throw .unsupportedRelease(release: number) }
    self.number = number
  }

  /// Bytes of the variable count `K` in the header.
  var variableCountBytes: Int { number == 119 ? 4 : 2 }
  /// Bytes of the observation count `N` in the header.
  var observationCountBytes: Int { number == 117 ? 4 : 8 }
  /// Bytes of the dataset label's length prefix.
  var labelLengthBytes: Int { number == 117 ? 1 : 2 }
  /// Bytes of a variable name or value-label name field (null-terminated).
  var nameBytes: Int { number == 117 ? 33 : 129 }
  /// Bytes of a display-format field.
  var formatBytes: Int { number == 117 ? 49 : 57 }
  /// Bytes of a variable-label field.
  var variableLabelBytes: Int { number == 117 ? 81 : 321 }
  /// Bytes of one sort-list entry.
  var sortEntryBytes: Int { number == 119 ? 4 : 2 }
  /// Bytes of the variable number `v` in a strL reference of the data section; the
  /// observation number `o` takes the remaining `8 - strLVariableBytes` bytes.
  var strLVariableBytes: Int {
    switch number {
    case 117: return 4
    case 118: return 2
    default: return 3
    }
  }
  /// Bytes of the observation number `o` in a stored-string (GSO) block of the strL section.
  var gsoObservationBytes: Int { number == 117 ? 4 : 8 }
  /// Whether text is UTF-8 (118, 119) rather than a single-byte code page (117: Windows-1252).
  var isUTF8: Bool { number >= 118 }
  /// The bytes each variable takes in the descriptor sections (types, names, sort list,
  /// formats, value-label names, variable labels): a lower bound used to validate `K` before
  /// allocating anything for it.
  var descriptorBytesPerVariable: Int {
    2 + nameBytes + sortEntryBytes + formatBytes + nameBytes + variableLabelBytes
  }

  /// The Stata versions that write a format, for messages.
  static func writer(of release: Int) -> String {
    switch release {
    case ...104: return "Stata 1 to 4"
    case 105...108: return "Stata 5 or 6"
    case 109...113: return "Stata 7 to 9"
    case 114: return "Stata 10 or 11"
    case 115: return "Stata 12"
    case 116: return "an unreleased Stata"
    case 117: return "Stata 13"
    case 118: return "Stata 14 or later"
    case 119: return "Stata 15 or later, more than 32,767 variables"
    case 120, 121: return "Stata 18 or later, with alias variables"
    default: return "a Stata version this reader does not know"
    }
  }
}
