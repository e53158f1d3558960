/// An error from reading a Stata `.dta` file with ``StataReader``.
///
/// Every case that concerns the file's contents carries the byte offset (0-based, from the
/// start of the file) where reading stopped and what was expected there, so that a truncated
/// or damaged file can be located with a hex viewer. ``description`` says what went wrong,
/// where, and what to do.
///
/// ```swift
/// do {
///   let table = try StataReader().read(path: "survey.dta")
/// } catch {
///   print(error)   // The file is Stata format 114 (Stata 10 or 11); ... save it again ...
/// }
/// ```
public enum StataError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be opened or read; `reason` is the operating system's message.
  case fileUnreadable(path: String, reason: String)
  /// The input is not a Stata data file: it neither starts with `<stata_dta>` nor with the
  /// header of an older (binary) `.dta` format. `found` shows its first bytes.
  case notStata(found: String)
  /// The file is a Stata data file of a format this reader does not read (formats before 117,
  /// written by Stata 12 and earlier, or formats after 119).
  case unsupportedRelease(release: Int)
  /// The input ends at `offset`, where `expected` should follow.
  case truncated(offset: Int, expected: String)
  /// The bytes at `offset` are not what the format requires there (`expected`); `found`
  /// shows them.
  case malformed(offset: Int, expected: String, found: String)
  /// A count or length read at `offset` (`field`, holding `claimed`) asks for more bytes than
  /// the `available` bytes left in the file; nothing was allocated for it.
  case sizeExceedsFile(offset: Int, field: String, claimed: UInt64, available: Int)
  /// The storage-type code of the variable at 1-based `position`, read at `offset`, is not a
  /// Stata storage type.
  case invalidStorageType(offset: Int, position: Int, code: Int)
  /// Text read at `offset` (`field`) is not valid in the file's encoding (UTF-8 for formats
  /// 118 and 119).
  case invalidText(offset: Int, field: String)
  /// Two variables have the same name, or a name is empty, at 1-based `position`.
  case invalidVariableName(position: Int, name: String)
  /// The long-string (strL) value of `variable` in 1-based `row`, read at `offset`, points to
  /// the (variable, observation) pair `(v, o)`, which the file's `<strls>` section does not hold.
  case missingStrL(offset: Int, variable: String, row: Int, v: UInt64, o: UInt64)
  /// The value-label table `name` starting at `offset` is inconsistent (`reason`).
  case invalidValueLabels(offset: Int, name: String, reason: String)
  /// The decoded columns could not be assembled into a ``DataTable``. This indicates a defect
  /// in the reader; please report it with the file that caused it.
  case tableConstruction(DataError)

  /// A message that says what went wrong, where, and what to do.
  public var description: String {
    switch self {
    case .fileUnreadable(let path, let reason):
      return "Cannot read '\(path)': \(reason). Check the path and the file's permissions."
    case .notStata(let found):
      return "The input is not a Stata .dta file: it starts with \(found) instead of '<stata_dta>'. "
        + "Pass a file saved by Stata 13 or later (or give CSV data a .csv name)."
    case .unsupportedRelease(let release):
      return Self.releaseMessage(release)
    case .truncated(let offset, let expected):
      return "The Stata file ends at byte \(offset), where \(expected) should follow: the file is "
        + "truncated. Copy or download it again, or save it again from Stata."
    case .malformed(let offset, let expected, let found):
      return "Byte \(offset) of the Stata file holds \(found) where \(expected) is required: the "
        + "file is damaged. Save it again from Stata."
    case .sizeExceedsFile(let offset, let field, let claimed, let available):
      return "Byte \(offset) of the Stata file: \(field) is \(claimed), which needs more than the \(available) "
        + "bytes left in the file: the file is damaged or truncated. Save it again from Stata."
    case .invalidStorageType(let offset, let position, let code):
      return "Byte \(offset) of the Stata file: variable \(position) has storage type code \(code), which "
        + "is not a Stata type: the file is damaged. Save it again from Stata."
    case .invalidText(let offset, let field):
      return "Byte \(offset) of the Stata file: \(field) is not valid UTF-8. Save the file again from "
        + "Stata 14 or later (or convert its text with `unicode translate`)."
    case .invalidVariableName(let position, let name):
      let what = name.isEmpty ? "has an empty name" : "has the name '\(name)' of an earlier variable"
      return "Variable \(position) of the Stata file \(what): the file is damaged. Rename the variable "
        + "in Stata and save the file again."
    case .missingStrL(let offset, let variable, let row, let v, let o):
      return "Byte \(offset) of the Stata file: the long string (strL) of variable '\(variable)' in row "
        + "\(row) refers to stored string (\(v), \(o)), which the file does not hold: the file is "
        + "damaged. Save it again from Stata."
    case .invalidValueLabels(let offset, let name, let reason):
      return "Byte \(offset) of the Stata file: the value labels '\(name)' are damaged (\(reason)). "
        + "Drop them in Stata (`label drop \(name)`) or save the file again."
    case .tableConstruction(let error):
      return "Internal Stata reader error while assembling the table: \(error). Please report it."
    }
  }

  /// The message for a format this reader does not read.
  private static func releaseMessage(_ release: Int) -> String {
    let resave = "Open it in Stata 13 or later and save it again (`save \"file.dta\", replace` writes "
      + "format 118 in Stata 14 or later; in Stata 15 or later `save \"file.dta\", version(118)` "
      + "or `saveold \"file.dta\", version(13)` choose the format), or convert it with pandas: "
      + "`pandas.read_stata(\"old.dta\").to_stata(\"new.dta\", version=118)`."
    if release < 117 {
      return "The file is Stata format \(release) (\(StataRelease.writer(of: release))); CausalKit reads "
        + "formats 117, 118 and 119 (Stata 13 and later). \(resave)"
    }
    return "The file is Stata format \(release) (\(StataRelease.writer(of: release))); CausalKit reads formats "
      + "117, 118 and 119. In Stata, save it with `save \"file.dta\", version(118)` (or "
      + "`saveold \"file.dta\", version(13)` for format 117)."
  }
}
