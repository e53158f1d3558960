/// A Stata `.dta` file as read by ``StataReader``: the table and what the file says about it.
///
/// ``table`` is what estimators read; the rest keeps what the conversion to a table would
/// otherwise lose: storage types, display formats, variable labels, value-label names, and how
/// many values were each of Stata's 27 missing values.
public struct StataDataset: Sendable, Equatable {
  /// The data, one column per variable in file order.
  public let table: DataTable
  /// The file's format: 117, 118 or 119.
  public let release: Int
  /// The byte order of the file's numbers.
  public let byteOrder: StataByteOrder
  /// The dataset label (empty when none).
  public let label: String
  /// The time stamp Stata wrote (`dd Mon yyyy hh:mm`), or empty.
  public let timestamp: String
  /// Each variable, in file order (the same order as the table's columns).
  public let variables: [StataVariable]
  /// The number of long strings (strL values) stored in the file.
  public let storedStringCount: Int

  /// The missing values of the whole file, added over the variables.
  public var missingValueCount: Int { variables.reduce(0) { $0 + $1.missing.total } }
}

/// One variable of a Stata file: its declared type and labels, the kind of column it became,
/// and its missing-value counts.
public struct StataVariable: Sendable, Equatable, Codable {
  /// The variable's name (the column's name).
  public let name: String
  /// The storage type the file declares.
  public let storageType: StataStorageType
  /// The display format, such as `%9.0g`, `%td` (a date: days since 1 January 1960) or `%tc`
  /// (a time: milliseconds since 1960). Dates and times are read as their numbers.
  public let format: String
  /// The variable label (empty when none).
  public let variableLabel: String
  /// The name of the value-label table attached to the variable, or `nil`. A name whose table
  /// the file does not hold leaves the variable numeric.
  public let valueLabelName: String?
  /// The kind of column the variable became: `int` (`byte`, `int`, `long`), `double`
  /// (`float`, `double`), or `categorical` (strings, and numbers with value labels).
  public let columnKind: Column.Kind
  /// How many values were missing, by Stata missing code.
  public let missing: StataMissingCounts

  /// Creates a variable description.
  ///
  /// - Parameters:
  ///   - name: The variable's name.
  ///   - storageType: Its storage type.
  ///   - format: Its display format.
  ///   - variableLabel: Its label.
  ///   - valueLabelName: Its value-label table's name, or `nil`.
  ///   - columnKind: The kind of column it became.
  ///   - missing: Its missing-value counts.
  public init(
    name: String, storageType: StataStorageType, format: String, variableLabel: String, valueLabelName: String?,
    columnKind: Column.Kind, missing: StataMissingCounts
  ) {
    self.name = name
    self.storageType = storageType
    self.format = format
    self.variableLabel = variableLabel
    self.valueLabelName = valueLabelName
    self.columnKind = columnKind
    self.missing = missing
  }

  private enum CodingKeys: String, CodingKey {
    case name
    case storageType = "storage_type"
    case format
    case variableLabel = "variable_label"
    case valueLabelName = "value_label_name"
    case columnKind = "column_kind"
    case missing
  }

  /// Encodes the fields with snake_case keys; a `nil` value-label name is `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.name, name), .value(.storageType, storageType), .value(.format, format),
      .value(.variableLabel, variableLabel), .value(.valueLabelName, valueLabelName),
      .value(.columnKind, columnKind), .value(.missing, missing),
    ])
  }
}
