"""Read what the kit needs of a relocatable ELF64 object (the student's compiled file),
without a subprocess: its sections (name, type, flags, bytes) and symbols (name, type,
binding, section). Little-endian x86-64 / AArch64 objects only; anything else, or a
file that is not one, raises ValueError."""
import struct

SHF_WRITE, SHF_EXECINSTR, SHF_TLS = 0x1, 0x4, 0x400
SHT_NOBITS, SHT_SYMTAB = 8, 2
STT = {0: "NOTYPE", 1: "OBJECT", 2: "FUNC", 3: "SECTION", 4: "FILE", 5: "COMMON", 6: "TLS",
       10: "IFUNC"}
STB = {0: "LOCAL", 1: "GLOBAL", 2: "WEAK", 10: "UNIQUE"}
SHN_UNDEF, SHN_COMMON = 0, 0xfff2


class Object:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = data = f.read()
        if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError(f"{path}: not a little-endian ELF64 object")
        (shoff,) = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        if shentsize != 64 or shoff + shnum * 64 > len(data) or shstrndx >= shnum:
            raise ValueError(f"{path}: bad section table")
        raw = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + 64 * i) for i in range(shnum)]
        names = raw[shstrndx]
        self.sections = []
        for (name, typ, flags, _addr, off, size, link, _info, _align, entsize) in raw:
            self.sections.append({"name": self._str(names[4], name), "type": typ, "flags": flags,
                                  "offset": off, "size": size, "link": link, "entsize": entsize})
        self.symbols = []
        for s in self.sections:
            if s["type"] != SHT_SYMTAB or s["entsize"] != 24:
                continue
            strtab = self.sections[s["link"]]["offset"]
            for k in range(s["size"] // 24):
                name, info, _other, shndx, _value, _size = struct.unpack_from(
                    "<IBBHQQ", data, s["offset"] + 24 * k)
                self.symbols.append({"name": self._str(strtab, name), "type": STT.get(info & 0xF, "?"),
                                     "bind": STB.get(info >> 4, "?"), "shndx": shndx})

    def _str(self, table_off, off):
        end = self.data.find(b"\0", table_off + off)
        return self.data[table_off + off:end].decode("utf-8", "replace")

    def section_bytes(self, s):
        return b"" if s["type"] == SHT_NOBITS else self.data[s["offset"]:s["offset"] + s["size"]]

    def undefined(self):
        return sorted({s["name"] for s in self.symbols if s["shndx"] == SHN_UNDEF and s["name"]})
