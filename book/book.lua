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

Editions: a fenced div or a bracketed span with the class .solutions-only is
kept in the instructor edition only, one with .student-only in the student
edition only ($BOOK_EDITION: solutions | student); the wrapper itself goes.

Withheld listings (a solution in the student edition) become what the student
should see there: build.py writes, for each, a Markdown file
$BOOK_WITHHELD/<file with / as __>--NAME.md (the function's contract and its
stub's TODO, or a sentence that points at the exercise).

The pointer rule (student edition): no sentence may point at a listing that
is not there. The paragraph right before a withheld listing must not end in
a colon (it would introduce code that is gone), and neither it nor the
paragraph right after may say "this line", "these lines", "the code uses",
"Three things in it", "the listing below" and the like (POINTERS). Every
offence is listed and the build stops.

Generated numbers: an inline [KEY]{.fact} becomes the value of KEY in
chapters/data/NN-facts.tsv (NN: this chapter, or ch=NN; lines KEY TAB VALUE),
read at build time; an unknown key stops the build, so no number in the prose is
typed by hand.

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
local edition = os.getenv("BOOK_EDITION") or "solutions"
local withheld_dir = os.getenv("BOOK_WITHHELD")

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
    local md = withheld_dir and read_file(withheld_dir .. "/" .. file:gsub("/", "__") .. "--" .. name .. ".md")
    local blocks
    if md then
      blocks = pandoc.read(md, "markdown").blocks
    else
      blocks = {pandoc.Para({pandoc.Emph({pandoc.Str(
        "Part of the reference solution (" .. name .. "): not in the student edition. " ..
        "You write it in ")}), pandoc.Code(mine), pandoc.Emph({pandoc.Str(".")})})}
    end
    return pandoc.Div(blocks, pandoc.Attr("", {"withheld"}, {{"data-listing", name}}))
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

-- Generated numbers ----------------------------------------------------------
local facts = {}
local function fact(el)
  if not el.classes:includes("fact") then return nil end
  local ch = tonumber(el.attributes["ch"] or chapter) or chapter
  local src = string.format("chapters/data/%02d-facts.tsv", ch)
  if not facts[src] then
    local text = read_file(root .. "/" .. src)
    if not text then fail(src .. " is missing (for chapter 10: make experiment)") end
    facts[src] = {}
    for line in text:gmatch("[^\n]+") do
      local k, v = line:match("^([^\t]+)\t(.*)$")
      if k then facts[src][k] = v end
    end
  end
  local key = pandoc.utils.stringify(el.content)
  local value = facts[src][key]
  if not value then fail(src .. " has no fact '" .. key .. "'") end
  return pandoc.Str(value)
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
  local display = el.mathtype == "DisplayMath"
  for _, w in ipairs(WORDS) do
    t = t:gsub("()" .. w .. "()", function(a, b)
      local before = a > 1 and t:sub(a - 1, a - 1) or ""
      local after = t:sub(b, b)
      if before:match("[%a\\{]") or after:match("%a") then return nil end
      return "\\textit{" .. w .. "}"
    end)
  end
  el.text = t
  if display then   -- its own box, which scrolls sideways when the window is narrower
    return pandoc.Span({el}, pandoc.Attr("", {"display-math"}))
  end
  return el
end

-- Figures: a link to the image (open it full size), a plain-words alt text, and
-- a caption that screen readers read (pandoc's own figure hides it from them) --
local GREEK = {alpha = "α", beta = "β", gamma = "γ", delta = "δ", epsilon = "ε", theta = "θ",
  lambda = "λ", mu = "μ", pi = "π", sigma = "σ", tau = "τ", varphi = "φ", phi = "φ", omega = "ω",
  Delta = "Δ", Sigma = "Σ", Omega = "Ω", sum = "Σ", prod = "Π", infty = "∞", cdot = "·",
  cdots = "…", dots = "…", ldots = "…", times = "×", le = "≤", leq = "≤", ge = "≥", geq = "≥",
  ne = "≠", approx = "≈", pm = "±", to = "→", rightarrow = "→", sqrt = "√", lfloor = "⌊",
  rfloor = "⌋", lceil = "⌈", rceil = "⌉", mid = "|", top = "ᵀ", log = "log", exp = "exp",
  sin = "sin", cos = "cos", max = "max", min = "min", quad = " ", qquad = " "}

local function tex_plain(t)
  t = t:gsub("\\frac%s*(%b{})%s*(%b{})", function(a, b) return a:sub(2, -2) .. "/" .. b:sub(2, -2) end)
  t = t:gsub("\\(%a+)", function(w)
    if GREEK[w] then return GREEK[w] end
    if w == "left" or w == "right" or w == "big" or w == "Big" or w == "bigg" or w == "Bigg"
       or w == "mathrm" or w == "mathit" or w == "textit" or w == "text" or w == "mathbf"
       or w == "operatorname" or w == "mathtt" or w == "boldsymbol" then return "" end
    return w
  end)
  t = t:gsub("\\[,;:! ]", " "):gsub("\\_", "_"):gsub("[{}]", ""):gsub("%s+", " ")
  return t
end

local function plain(inlines)
  local out = {}
  for _, el in ipairs(inlines) do
    if el.t == "Str" then out[#out + 1] = el.text
    elseif el.t == "Space" or el.t == "SoftBreak" or el.t == "LineBreak" then out[#out + 1] = " "
    elseif el.t == "Math" then out[#out + 1] = tex_plain(el.text)
    elseif el.t == "Code" then out[#out + 1] = el.text
    elseif el.t == "Quoted" then out[#out + 1] = "“" .. plain(el.content) .. "”"
    elseif el.content and type(el.content) == "table" then
      if el.t == "Span" and el.content[1] and el.content[1].t == "Math" then
        out[#out + 1] = tex_plain(el.content[1].text)
      else
        out[#out + 1] = plain(el.content)
      end
    else out[#out + 1] = pandoc.utils.stringify(el) end
  end
  return table.concat(out)
end

local function figure_para(el)
  if #el.content ~= 1 or el.content[1].t ~= "Image" then return nil end
  local img = el.content[1]
  if not img.src:match("^figures/") then return nil end
  local caption = img.caption
  local words = plain(caption)
  -- the alt text: the caption's first sentence, in plain words
  local first = words:match("^(.-[%.%?!])%s") or words
  if #first > 220 then first = first:sub(1, 217):gsub("[\128-\191]*$", "") .. "…" end
  local name = img.src:match("([^/]+)%.%a+$") or img.src
  local html_alt = html_escape("Figure " .. name .. ": " .. first)
  return {
    pandoc.RawBlock("html", '<figure class="figure">' ..
      '<a class="figure-open" href="' .. html_escape(img.src) .. '" title="open the figure full size">' ..
      '<img src="' .. html_escape(img.src) .. '" alt="' .. html_alt .. '"></a>' ..
      '<figcaption>'),
    pandoc.Plain(caption),
    pandoc.RawBlock("html", ' <a class="figure-full" href="' .. html_escape(img.src) ..
      '">(open the figure full size)</a></figcaption></figure>'),
  }
end

-- Editions -------------------------------------------------------------------
local function keep_for_edition(el)
  local sol, stu = el.classes:includes("solutions-only"), el.classes:includes("student-only")
  if not sol and not stu then return nil end
  if (sol and edition == "solutions") or (stu and edition == "student") then
    return el.content
  end
  return {}
end

-- The pointer rule -----------------------------------------------------------
-- Phrases that point at code on the page (lower case, Lua patterns).
local POINTERS = {
  "th[ie]se? lines?", "th[ie]se? loops?", "th[ie]se? listings?", "this code", "that line",
  "the listing", "the code above", "the code below", "the lines above", "the lines below",
  "the loop below", "the loop above", "the function below", "the code uses", "the code does",
  "the code computes", "the code keeps", "the code checks", "the code writes",
  "one comment per step", "in it matter", "%f[%a]%a+ things in it", "%f[%a]%a+ mistakes live in",
  "%f[%a]%a+ details in it", "as written here", "in the lines", "the listing above",
  "the listing below", "shown below", "shown above", "the one line", "in this function",
}

local function pointer_in(text)
  local t = text:lower()
  for _, p in ipairs(POINTERS) do
    local s, e = t:find(p)
    if s then return text:sub(s, e) end
  end
  return nil
end

local function is_text(b) return b and (b.t == "Para" or b.t == "Plain") end

local function check_pointers(doc)
  if edition ~= "student" then return nil end
  local offences = {}
  local function scan(blocks)
    for k, b in ipairs(blocks) do
      if b.t == "Div" and b.classes:includes("withheld") then
        local name = b.attributes["data-listing"] or "?"
        local before, after = blocks[k - 1], blocks[k + 1]
        if is_text(before) then
          local text = pandoc.utils.stringify(before)
          if text:match(":%s*$") then
            offences[#offences + 1] = "before the hidden listing '" .. name .. "': \"..." ..
              text:sub(-70) .. "\" ends in a colon: it introduces code the student edition does not show"
          end
          local p = pointer_in(text)
          if p then
            offences[#offences + 1] = "before the hidden listing '" .. name .. "': \"" .. p ..
              "\" points at it"
          end
        end
        if is_text(after) then
          local p = pointer_in(pandoc.utils.stringify(after))
          if p then
            offences[#offences + 1] = "after the hidden listing '" .. name .. "': \"" .. p ..
              "\" points at it"
          end
        end
      elseif b.t == "Div" or b.t == "BlockQuote" then
        scan(b.content)
      elseif b.t == "BulletList" or b.t == "OrderedList" then
        for _, item in ipairs(b.content) do scan(item) end
      end
    end
  end
  scan(doc.blocks)
  if #offences > 0 then
    fail("in the student edition, " .. #offences .. " sentence(s) point at a listing it does not " ..
         "show (reword so the prose stands without the code, or mark the sentence " ..
         "[...]{.solutions-only}):\n  " .. table.concat(offences, "\n  "))
  end
  return nil
end

return {
  {Div = keep_for_edition, Span = keep_for_edition},
  {Pandoc = document},
  {Math = math_},
  {CodeBlock = code_block, Image = image, Header = header, Link = link, Table = table_},
  {Span = fact},
  {Para = link_block, Plain = link_block},
  {Para = figure_para},
  {Pandoc = check_pointers},
}
