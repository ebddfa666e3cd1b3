module pcdocket

go 1.26.8

require github.com/yuin/goldmark v1.8.7

require codeberg.org/go-pdf/fpdf v0.12.0 // indirect
