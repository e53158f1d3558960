/// Guesses the field separator of CSV bytes when ``CSVReader/separator`` is `nil`.
///
/// The candidates are, in order of preference, comma, semicolon, tab and pipe. Each candidate
/// splits the first ``sampleRecords`` records (the header and the rows after it) with the real
/// tokenizer, so separators inside quoted fields do not count and a record may span lines.
/// Blank records are skipped (they are ragged rows whatever the separator), and a record the
/// tokenizer rejects ends that candidate's sample.
///
/// A candidate is *consistent* when the first record splits into more than one field and
/// every other sampled record into as many. The consistent candidate with the most fields
/// wins; between equally many fields, the earlier candidate wins (comma first). If no
/// candidate is consistent, the one that splits the first record into the most fields wins,
/// again comma first (reading then reports the first ragged row); if none splits it at all,
/// the separator is a comma.
enum CSVSeparatorSniffer {
  /// The candidates, in order of preference: comma, semicolon, tab, pipe.
  static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
  /// How many records (header included) are examined.
  static let sampleRecords = 50

  /// The guessed separator byte.
  ///
  /// - Parameter input: The CSV bytes.
  /// - Returns: One of ``candidates``.
  /// - Complexity: O(size of the first ``sampleRecords`` records) per candidate; a quoted
  ///   field left open scans to the end of the input.
  static func sniff(_ input: UnsafeBufferPointer<UInt8>) -> UInt8 {
    sniffWithReach(input).separator
  }

  /// The guessed separator byte, and how far into `input` the samples read (an offset no
  /// byte at or after which was looked at), for a caller that holds only the input's start.
  ///
  /// - Complexity: As ``sniff(_:)``.
  static func sniffWithReach(_ input: UnsafeBufferPointer<UInt8>) -> (separator: UInt8, reach: Int) {
    var consistent: (separator: UInt8, fields: Int)?
    var widest: (separator: UInt8, fields: Int)?
    var reach = 0
    for candidate in candidates {
      let sample = examine(input, separator: candidate)
      reach = max(reach, sample.reach)
      guard sample.firstFields > 1 else { continue }
      if sample.consistent, sample.firstFields > consistent?.fields ?? 1 {
        consistent = (candidate, sample.firstFields)
      }
      if sample.firstFields > widest?.fields ?? 1 { widest = (candidate, sample.firstFields) }
    }
    return (consistent?.separator ?? widest?.separator ?? candidates[0], reach)
  }

  /// The number of fields of the first record with a separator, and whether every other
  /// sampled record has as many.
  private static func examine(
    _ input: UnsafeBufferPointer<UInt8>, separator: UInt8
  ) -> (firstFields: Int, consistent: Bool, reach: Int) {
    var tokenizer = CSVTokenizer(input: input, separator: separator, validatesUTF8: false)
    var first = 0
    var records = 0
    var lengths = CSVFieldLengths()
    while records < sampleRecords {
      guard let fields = try? tokenizer.nextRecord(&lengths) else { return (first, true, input.count) }
      if fields == 1, lengths.first == 0 { continue }
      records += 1
      if first == 0 {
        first = fields
      } else if fields != first {
        return (first, false, tokenizer.position + 8)
      }
    }
    return (first, true, tokenizer.position + 8)
  }
}
