--[[ book.lua — the kit's pandoc filter (pandoc 2.17), run by book/build.py.

Listings: a block ```{.c file="F" listing="NAME"}``` is replaced by the lines
between the markers `/* listing: NAME */` and `/* end listing: NAME */` of F.
Where the markers are is decided once, by kit/core/markers.py (build.py
writes its answer to $BOOK_LISTINGS, one line per listing:
  file TAB name TAB kind TAB start TAB end
kind: code | stub | solution | withheld). This filter only slices the file:
there is no second marker parser here. A listing that is not in the index
stops the build.

Sections: `## N.M Title` gets the id sec-N.M and shows as "§N.M Title", so a
reader who sees "read §3.2" in `make check` finds it with the browser's
search; `### Title` gets sec-N.M.K. A "§N.M" in the prose links to its page.

Generated tables: a block ```{.table source="chapters/data/F.tsv"}``` (empty)
becomes a table of that tab-separated file, its first line the header,
read at build time (a missing or empty file stops the build: numbers in the
prose never drift from the file that `make experiment` wrote). Optional:
where="col=value" keeps the rows whose column col is value, drop="a,b"
leaves out columns, caption="..." captions it.

Figures: ![caption](figure:NAME) embeds $BOOK_PLOTS/NAME.svg (or .png),
copied to $BOOK_OUT/figures/. A missing figure stops the build when
$BOOK_FIGURES_REQUIRED=1 (the kit has a `make plots`), else a placeholder
says which figure is missing.
]]

local chapter = tonumber(os.getenv("BOOK_CHAPTER") or "0") or 0
local root = os.getenv("BOOK_ROOT") or "."
local out_dir = os.getenv("BOOK_OUT") or "build/book"
local plots = os.getenv("BOOK_PLOTS") or "build/plots"
local figures_required = os.getenv("BOOK_FIGURES_REQUIRED") == "1"
local source_name = os.getenv("BOOK_SOURCE") or "chapter"

local function fail(msg)
  io.stderr:write(source_name .. ": " .. msg .. "\n")
  os.exit(1)
end

local function read_file(path, mode)
  local f = io.open(path, mode or "r")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return text
end

-- The listing index, from markers.py.
local listings = {}
do
  local index = os.getenv("BOOK_LISTINGS")
  local text = index and read_file(index) or ""
  for line in text:gmatch("[^\n]+") do
    local file, name, kind, s, e = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t(%d+)\t(%d+)$")
    if file then
      listings[file .. "#" .. name] = {kind = kind, start = tonumber(s), stop = tonumber(e)}
    end
  end
end

-- chapter number -> page, for "§N.M" links
local pages = {}
for num, page in (os.getenv("BOOK_PAGES") or ""):gmatch("(%d+)=([^;]+)") do
  pages[tonumber(num)] = page
end

-- `name` of a test or function of this chapter -> its row in the checklist
local targets = {}
for name, href in (os.getenv("BOOK_TARGETS") or ""):gmatch("([%w_]+)=([^;]+)") do
  targets[name] = href
end

local function dedent(lines)
  local min
  for _, l in ipairs(lines) do
    if l:match("%S") then
      local ind = #l:match("^ *")
      if not min or ind < min then min = ind end
    end
  end
  local out = {}
  for _, l in ipairs(lines) do out[#out + 1] = l:sub((min or 0) + 1) end
  return out
end

local function html_escape(s)
  return (s:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function listing_block(el)
  local file, name = el.attributes["file"], el.attributes["listing"]
  local entry = listings[file .. "#" .. name]
  if not entry then
    fail("listing '" .. name .. "' of " .. file .. " is not in the marker index " ..
         "(kit/core/markers.py did not find it)")
  end
  local label = file .. " · " .. name
  if entry.kind == "withheld" then
    local mine = file:gsub("^solutions/", "exercises/")
    return pandoc.Div({pandoc.Para({pandoc.Emph({pandoc.Str(
      "Part of the reference solution (" .. name .. "): not in the student edition. " ..
      "You write it in ")}), pandoc.Code(mine), pandoc.Emph({pandoc.Str(".")})})},
      pandoc.Attr("", {"withheld"}))
  end
  local text = read_file(root .. "/" .. file)
  if not text then fail(file .. " cannot be read") end
  local all, body = {}, {}
  for l in (text .. "\n"):gmatch("([^\n]*)\n") do all[#all + 1] = l end
  for k = entry.start + 1, entry.stop - 1 do body[#body + 1] = all[k] end
  local lines = (entry.start + 1) .. "–" .. (entry.stop - 1)
  local code = pandoc.CodeBlock(table.concat(dedent(body), "\n"),
    pandoc.Attr("", el.classes, {{"data-file", file}, {"data-listing", name}}))
  local caption = '<span class="listing-file">' .. html_escape(file) .. '</span> ' ..
    '<span class="listing-lines">lines ' .. lines .. ' · ' .. html_escape(name) .. '</span>'
  if entry.kind == "solution" then
    return pandoc.Div({
      pandoc.RawBlock("html", '<details class="solution"><summary>Reference solution · ' ..
        caption .. '</summary>'),
      code,
      pandoc.RawBlock("html", "</details>")}, pandoc.Attr("", {"listing", "solution"}))
  end
  return pandoc.Div({
    pandoc.RawBlock("html", '<div class="listing-caption">' .. caption ..
      (entry.kind == "stub" and ' <span class="tag">your starting point</span>' or "") ..
      '</div>'),
    code}, pandoc.Attr("", {"listing", entry.kind}))
end


-- Generated tables -----------------------------------------------------------
local function split_tabs(line)
  local cells = {}
  for cell in (line .. "\t"):gmatch("([^\t]*)\t") do cells[#cells + 1] = cell end
  return cells
end

local function generated_table(el)
  local src = el.attributes["source"]
  if not src then fail("a {.table} block needs source=\"FILE.tsv\"") end
  local text = read_file(root .. "/" .. src)
  if not text then fail("table source " .. src .. " is missing (for chapter 10: make experiment)") end
  local rows = {}
  for line in text:gmatch("[^\n]+") do rows[#rows + 1] = split_tabs(line) end
  if #rows < 2 then fail("table source " .. src .. " has no rows under its header") end
  local head = rows[1]
  local col_of = {}
  for k, name in ipairs(head) do col_of[name] = k end
  local keep_rows = {}
  local wcol, wval = (el.attributes["where"] or ""):match("^([^=]+)=(.*)$")
  if el.attributes["where"] and not wcol then fail("where= is col=value: " .. el.attributes["where"]) end
  if wcol and not col_of[wcol] then fail(src .. " has no column '" .. wcol .. "'") end
  for k = 2, #rows do
    if #rows[k] ~= #head then fail(src .. ": row " .. k .. " has " .. #rows[k] .. " cells, the header " .. #head) end
    if not wcol or rows[k][col_of[wcol]] == wval then keep_rows[#keep_rows + 1] = rows[k] end
  end
  if #keep_rows == 0 then fail(src .. ": no row has " .. wcol .. " = " .. wval) end
  local dropped = {}
  for name in (el.attributes["drop"] or ""):gmatch("[^,]+") do
    if not col_of[name] then fail(src .. " has no column '" .. name .. "' to drop") end
    dropped[col_of[name]] = true
  end
  local function esc(cell) return (cell:gsub("|", "\\|")) end
  local function line_of(cells)
    local out = {}
    for k, c in ipairs(cells) do if not dropped[k] then out[#out + 1] = esc(c) end end
    return "| " .. table.concat(out, " | ") .. " |"
  end
  local md = {line_of(head)}
  local sep = {}
  for k, _ in ipairs(head) do
    if not dropped[k] then sep[#sep + 1] = (tonumber(keep_rows[1][k]) and "--:" or ":--") end
  end
  md[#md + 1] = "|" .. table.concat(sep, "|") .. "|"
  for _, r in ipairs(keep_rows) do md[#md + 1] = line_of(r) end
  if el.attributes["caption"] then md[#md + 1] = "\n: " .. el.attributes["caption"] end
  local blocks = pandoc.read(table.concat(md, "\n"), "markdown").blocks
  return pandoc.Div(blocks, pandoc.Attr("", {"table-wrap", "generated"}, {{"data-source", src}}))
end

local function code_block(el)
  if el.classes:includes("table") then
    return generated_table(el)
  end
  if el.attributes["file"] or el.attributes["listing"] then
    if not (el.attributes["file"] and el.attributes["listing"]) then
      fail("a listing needs both file= and listing=")
    end
    return listing_block(el)
  end
  return nil
end

-- Figures -------------------------------------------------------------------
local function file_exists(p)
  local f = io.open(p, "rb")
  if f then f:close() return true end
  return false
end

local function image(el)
  local name = el.src:match("^figure:(.+)$")
  if not name then return nil end
  for _, ext in ipairs({".svg", ".png"}) do
    local src = plots .. "/" .. name .. ext
    if file_exists(src) then
      local dest_rel = "figures/" .. name:gsub("/", "--") .. ext
      local data = read_file(src, "rb")
      local f = io.open(out_dir .. "/" .. dest_rel, "wb")
      if not f then fail("cannot write " .. out_dir .. "/" .. dest_rel) end
      f:write(data)
      f:close()
      el.src = dest_rel
      if #el.caption == 0 then el.caption = {pandoc.Str(name)} end
      return el
    end
  end
  local msg = "figure '" .. name .. "' not found: no " .. plots .. "/" .. name .. ".svg or .png"
  if figures_required then
    fail(msg .. " (run `make plots`; is the figure's name right?)")
  end
  io.stderr:write(source_name .. ": warning: " .. msg .. " (a placeholder instead)\n")
  return pandoc.Span({pandoc.Str("[figure " .. name .. ": not in this copy of the book]")},
    pandoc.Attr("", {"missing-figure"}))
end

-- Sections ------------------------------------------------------------------
local h2, h3 = 0, 0
local in_unnumbered = false
local seen = {}

local function header(el)
  if el.level == 1 then return nil end
  if el.classes:includes("unnumbered") then
    if el.level == 2 then in_unnumbered = true end
    return nil
  end
  if el.level == 2 then in_unnumbered = false end
  if el.level > 2 and in_unnumbered then return nil end
  local first = el.content[1]
  local num
  local text = first and first.t == "Str" and first.text or ""
  if text:sub(1, 2) == "§" then text = text:sub(3) end
  if text:match("^%d+%.%d+[%.%d]*$") then
    num = text
    table.remove(el.content, 1)
    if el.content[1] and el.content[1].t == "Space" then table.remove(el.content, 1) end
  end
  if el.level == 2 then
    if num then
      local c, m = num:match("^(%d+)%.(%d+)$")
      if not c then fail("section '" .. num .. "': a level-2 heading is numbered N.M") end
      if tonumber(c) ~= chapter then
        fail("section " .. num .. " is in chapter " .. chapter .. ": number it " ..
             chapter .. "." .. m)
      end
      h2 = tonumber(m)
    else
      h2 = h2 + 1
      num = chapter .. "." .. h2
    end
    h3 = 0
  elseif el.level == 3 then
    if num then
      h3 = tonumber(num:match("(%d+)$"))
    else
      h3 = h3 + 1
      num = chapter .. "." .. h2 .. "." .. h3
    end
  else
    return nil
  end
  if seen[num] then fail("section " .. num .. " appears twice") end
  seen[num] = true
  el.identifier = "sec-" .. num
  table.insert(el.content, 1, pandoc.Space())
  table.insert(el.content, 1, pandoc.Span({pandoc.Str((el.level == 2 and "§" or "") .. num)},
    pandoc.Attr("", {"secno"})))
  return el
end

-- "§N.M" in the prose becomes a link --------------------------------------
local function section_link(s)
  local pre, c, rest, post = s:match("^(.-)§(%d+)(%.[%d%.]*%d)(.*)$")
  if not c then return nil end
  local num = c .. rest
  local href
  if tonumber(c) == chapter then
    href = "#sec-" .. num
  elseif pages[tonumber(c)] then
    href = pages[tonumber(c)] .. "#sec-" .. num
  else
    return nil
  end
  local out = {}
  if pre ~= "" then out[#out + 1] = pandoc.Str(pre) end
  out[#out + 1] = pandoc.Link({pandoc.Str("§" .. num)}, href, "", pandoc.Attr("", {"secref"}))
  if post ~= "" then
    local more = section_link(post)
    if more then
      for _, x in ipairs(more) do out[#out + 1] = x end
    else
      out[#out + 1] = pandoc.Str(post)
    end
  end
  return out
end

local function link_inlines(inlines)
  local out = {}
  for _, el in ipairs(inlines) do
    if el.t == "Str" then
      local parts = section_link(el.text)
      if parts then
        for _, p in ipairs(parts) do out[#out + 1] = p end
      else
        out[#out + 1] = el
      end
    elseif el.t == "Code" and targets[el.text] then
      out[#out + 1] = pandoc.Link({el}, targets[el.text], "", pandoc.Attr("", {"testref"}))
    elseif el.t == "Emph" or el.t == "Strong" or el.t == "Span" then
      el.content = link_inlines(el.content)
      out[#out + 1] = el
    else
      out[#out + 1] = el
    end
  end
  return out
end

local function link_block(el)
  el.content = link_inlines(el.content)
  return el
end

-- .md links between chapters point to the pages
local function link(el)
  local page, frag = el.target:match("^([%w%-]+)%.md(#?.*)$")
  if page then el.target = page .. ".html" .. frag end
  return el
end

-- The chapter's first level-1 heading is its title --------------------------
local function document(doc)
  local blocks, title = {}, nil
  for _, b in ipairs(doc.blocks) do
    if not title and b.t == "Header" and b.level == 1 and not doc.meta.title then
      title = b.content
    else
      blocks[#blocks + 1] = b
    end
  end
  if title then
    -- "# 3 Sinusoidal ..." or "# Chapter 3: ...": the page says "Chapter 3" already
    local k = 1
    if title[k] and title[k].t == "Str" and title[k].text == "Chapter" and title[k + 1]
       and title[k + 1].t == "Space" then k = k + 2 end
    local t = title[k]
    if t and t.t == "Str" and t.text:match("^%d+[:.]?$") and tonumber(t.text:match("^%d+")) == chapter
       and title[k + 1] and title[k + 1].t == "Space" then
      local rest = {}
      for j = k + 2, #title do rest[#rest + 1] = title[j] end
      title = rest
    end
    doc.meta.title = pandoc.MetaInlines(title)
  end
  doc.blocks = blocks
  return doc
end

-- a wide table scrolls inside the page instead of sticking out of it
local function table_(el)
  return pandoc.Div({el}, pandoc.Attr("", {"table-wrap"}))
end

-- Multi-letter names in math ($pos$, $base$, ...) are one identifier each,
-- not a product of letters: wrap them in \textit{} (one italic run) before TeX becomes MathML.
local WORDS = {"pos", "base", "mean", "relu", "gap", "ratio", "step", "code", "dist",
               "score", "softmax", "sep", "bound", "margin", "offset", "err"}
local function math_(el)
  local t = el.text
  for _, w in ipairs(WORDS) do
    t = t:gsub("()" .. w .. "()", function(a, b)
      local before = a > 1 and t:sub(a - 1, a - 1) or ""
      local after = t:sub(b, b)
      if before:match("[%a\\{]") or after:match("%a") then return nil end
      return "\\textit{" .. w .. "}"
    end)
  end
  el.text = t
  return el
end

return {
  {Pandoc = document},
  {Math = math_},
  {CodeBlock = code_block, Image = image, Header = header, Link = link, Table = table_},
  {Para = link_block, Plain = link_block},
}
