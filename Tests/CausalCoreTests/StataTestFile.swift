/// Builds small format-118 `.dta` files byte by byte for the reader's tests: numeric variables
/// of any type, and value-label tables (which may label missing codes).
struct StataTestFile {
  /// One variable: its name, storage-type code, raw values (already encoded, little-endian)
  /// and value-label table name.
  struct Variable {
    var name: String
    var typeCode: UInt16
    var cells: [[UInt8]]
    var labelName = ""
  }

  var variables: [Variable]
  /// Value-label tables: name → (value, text) pairs.
  var labelTables: [(name: String, entries: [(Int32, String)])] = []

  /// A `double` variable; `nil` is Stata's `.`.
  static func double(_ name: String, _ values: [Double?], label: String = "") -> Variable {
    Variable(name: name, typeCode: 65526, cells: values.map { le(($0 ?? Double(sign: .plus, exponent: 1023, significand: 1)).bitPattern) }, labelName: label)
  }

  /// A `byte` variable of raw values (101 is `.`, 102 … 127 are `.a` … `.z`).
  static func byte(_ name: String, _ values: [Int8], label: String = "") -> Variable {
    Variable(name: name, typeCode: 65530, cells: values.map { [UInt8(bitPattern: $0)] }, labelName: label)
  }

  /// The file's bytes.
  var bytes: [UInt8] {
    let k = variables.count, n = variables.first?.cells.count ?? 0
    var out: [UInt8] = []
    func tag(_ s: String) { out += Array(s.utf8) }
    func field(_ s: String, _ width: Int) { out += Array(s.utf8).prefix(width - 1) + [UInt8](repeating: 0, count: width - min(s.utf8.count, width - 1)) }
    tag("<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>")
    out += Self.le(UInt16(k))
    tag("</K><N>")
    out += Self.le(UInt64(n))
    tag("</N><label>")
    out += Self.le(UInt16(0))
    tag("</label><timestamp>")
    out.append(0)
    tag("</timestamp></header><map>")
    out += [UInt8](repeating: 0, count: 14 * 8)
    tag("</map><variable_types>")
    for v in variables { out += Self.le(v.typeCode) }
    tag("</variable_types><varnames>")
    for v in variables { field(v.name, 129) }
    tag("</varnames><sortlist>")
    out += [UInt8](repeating: 0, count: (k + 1) * 2)
    tag("</sortlist><formats>")
    for _ in variables { field("%9.0g", 57) }
    tag("</formats><value_label_names>")
    for v in variables { field(v.labelName, 129) }
    tag("</value_label_names><variable_labels>")
    for _ in variables { field("", 321) }
    tag("</variable_labels><characteristics></characteristics><data>")
    for row in 0..<n { for v in variables { out += v.cells[row] } }
    tag("</data><strls></strls><value_labels>")
    for table in labelTables {
      var text: [UInt8] = [], offsets: [UInt8] = [], values: [UInt8] = []
      for (value, label) in table.entries {
        offsets += Self.le(UInt32(text.count))
        values += Self.le(UInt32(bitPattern: value))
        text += Array(label.utf8) + [0]
      }
      let body = Self.le(UInt32(table.entries.count)) + Self.le(UInt32(text.count)) + offsets + values + text
      tag("<lbl>")
      out += Self.le(UInt32(body.count))
      field(table.name, 129)
      out += [0, 0, 0]
      out += body
      tag("</lbl>")
    }
    tag("</value_labels></stata_dta>")
    return out
  }

  /// Little-endian bytes of an integer.
  static func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
  }
}
