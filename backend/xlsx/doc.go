// Package xlsx writes Throughline's Excel files: the import template teams
// fill in and, later, the portfolio workbook. It is the only package that
// uses excelize for writing. Cells that come from data are always written as
// typed values or strings, never as formulas.
package xlsx
