/* Practice Hub search: a drop-in replacement for Material for MkDocs' search worker.
 *
 * It speaks Material's worker protocol (SETUP -> READY, QUERY -> RESULT) and reads the same
 * search/search_index.json, but ranks pages the way practitioners search:
 *   - small words ("how", "should", "i", "a") are dropped instead of matching every word;
 *   - words are compared by their stem (Porter), so "assessing" finds "assessment";
 *   - a word that is one or two letters out ("supervison") finds the word it was meant to be;
 *   - the glossary (includes/abbreviations.md, shipped in the index config) expands an
 *     abbreviation to what it stands for, and what it stands for back to the abbreviation;
 *   - page titles weigh more than section headings, section headings more than text, and a
 *     title the query covers completely more than one it only touches;
 *   - generated pages (listings, what's new, governance, glossary) carry a lower boost, set at
 *     build time, so guidance comes first unless the query is about them;
 *   - a page must match most of what was asked: a query with no answer gives no result.
 * Opened from file://, it loads the index itself as soon as the page opens (Material waits
 * until the search box is focused) and tells the page it is ready.
 *
 * Porter stemmer: from lunr.js 2.3.9, Copyright (C) 2020 Oliver Nightingale, MIT licence.
 */
(function (root) {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

  /* Words that carry no meaning in a question (lunr's English list plus question words). */
  var STOP_WORDS = {};
  ("a able about across after all almost also am among an and any are as at be because been but by " +
   "can cannot could dear did do does doing done either else ever every for from get gets got had has " +
   "have he her hers him his how however i if in into is it its just least let like likely may me might " +
   "most must my neither no nor not of off often on only or other our own rather said say says she " +
   "should since so some than that the their them then there these they this tis to too twas us wants " +
   "was we were what when where which while who whom why will with would yet you your " +
   "im ive id youre theyre whats thats hows whos wheres whens whys dont doesnt cant wont isnt arent lets " +
   "much many please s t tell frequently regularly usually normally generally typically really actually"
  ).split(" ").forEach(function (w) { STOP_WORDS[w] = true; });

  /* Words people add to say what they want rather than what it is about ("danger statement
   * template", "what does IRO stand for"): they count, but the query never fails for lack of them. */
  var GENERIC_WORDS = {};
  ("guidance guide guides policy policies procedure procedures form forms template templates example " +
   "examples tool tools info information help advice process page pages document documents doc docs " +
   "handbook mean means meaning definition define stand stands explained explain explanation find " +
   "where link links").split(" ").forEach(function (w) { GENERIC_WORDS[w] = true; });

  var NUMBER_WORDS = {
    one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9",
    ten: "10", eleven: "11", twelve: "12", fifteen: "15", twenty: "20", thirty: "30", forty: "40",
    fortyfive: "45", zero: "0", first: "1st", second: "2nd", third: "3rd"
  };

  /* Field weights: page title > summary > section heading > text. */
  var W_TITLE = 6, W_SUMMARY = 3, W_HEADING = 2.5, W_TEXT = 1;
  var K1 = 1.2;             /* term-frequency saturation in text */
  var MIN_COVERAGE = 0.6;   /* share of the query (by weight) a page must match to be shown */
  var MIN_RELATIVE = 0.05;  /* and a share of the best page's score */

var porterStemmer = (function(){
  var step2list = {
      "ational" : "ate",
      "tional" : "tion",
      "enci" : "ence",
      "anci" : "ance",
      "izer" : "ize",
      "bli" : "ble",
      "alli" : "al",
      "entli" : "ent",
      "eli" : "e",
      "ousli" : "ous",
      "ization" : "ize",
      "ation" : "ate",
      "ator" : "ate",
      "alism" : "al",
      "iveness" : "ive",
      "fulness" : "ful",
      "ousness" : "ous",
      "aliti" : "al",
      "iviti" : "ive",
      "biliti" : "ble",
      "logi" : "log"
    },

    step3list = {
      "icate" : "ic",
      "ative" : "",
      "alize" : "al",
      "iciti" : "ic",
      "ical" : "ic",
      "ful" : "",
      "ness" : ""
    },

    c = "[^aeiou]",          // consonant
    v = "[aeiouy]",          // vowel
    C = c + "[^aeiouy]*",    // consonant sequence
    V = v + "[aeiou]*",      // vowel sequence

    mgr0 = "^(" + C + ")?" + V + C,               // [C]VC... is m>0
    meq1 = "^(" + C + ")?" + V + C + "(" + V + ")?$",  // [C]VC[V] is m=1
    mgr1 = "^(" + C + ")?" + V + C + V + C,       // [C]VCVC... is m>1
    s_v = "^(" + C + ")?" + v;                   // vowel in stem

  var re_mgr0 = new RegExp(mgr0);
  var re_mgr1 = new RegExp(mgr1);
  var re_meq1 = new RegExp(meq1);
  var re_s_v = new RegExp(s_v);

  var re_1a = /^(.+?)(ss|i)es$/;
  var re2_1a = /^(.+?)([^s])s$/;
  var re_1b = /^(.+?)eed$/;
  var re2_1b = /^(.+?)(ed|ing)$/;
  var re_1b_2 = /.$/;
  var re2_1b_2 = /(at|bl|iz)$/;
  var re3_1b_2 = new RegExp("([^aeiouylsz])\\1$");
  var re4_1b_2 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  var re_1c = /^(.+?[^aeiou])y$/;
  var re_2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;

  var re_3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;

  var re_4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var re2_4 = /^(.+?)(s|t)(ion)$/;

  var re_5 = /^(.+?)e$/;
  var re_5_1 = /ll$/;
  var re3_5 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  var porterStemmer = function porterStemmer(w) {
    var stem,
      suffix,
      firstch,
      re,
      re2,
      re3,
      re4;

    if (w.length < 3) { return w; }

    firstch = w.substr(0,1);
    if (firstch == "y") {
      w = firstch.toUpperCase() + w.substr(1);
    }

    // Step 1a
    re = re_1a
    re2 = re2_1a;

    if (re.test(w)) { w = w.replace(re,"$1$2"); }
    else if (re2.test(w)) { w = w.replace(re2,"$1$2"); }

    // Step 1b
    re = re_1b;
    re2 = re2_1b;
    if (re.test(w)) {
      var fp = re.exec(w);
      re = re_mgr0;
      if (re.test(fp[1])) {
        re = re_1b_2;
        w = w.replace(re,"");
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1];
      re2 = re_s_v;
      if (re2.test(stem)) {
        w = stem;
        re2 = re2_1b_2;
        re3 = re3_1b_2;
        re4 = re4_1b_2;
        if (re2.test(w)) { w = w + "e"; }
        else if (re3.test(w)) { re = re_1b_2; w = w.replace(re,""); }
        else if (re4.test(w)) { w = w + "e"; }
      }
    }

    // Step 1c - replace suffix y or Y by i if preceded by a non-vowel which is not the first letter of the word (so cry -> cri, by -> by, say -> say)
    re = re_1c;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      w = stem + "i";
    }

    // Step 2
    re = re_2;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step2list[suffix];
      }
    }

    // Step 3
    re = re_3;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step3list[suffix];
      }
    }

    // Step 4
    re = re_4;
    re2 = re2_4;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      if (re.test(stem)) {
        w = stem;
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1] + fp[2];
      re2 = re_mgr1;
      if (re2.test(stem)) {
        w = stem;
      }
    }

    // Step 5
    re = re_5;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      re2 = re_meq1;
      re3 = re3_5;
      if (re.test(stem) || (re2.test(stem) && !(re3.test(stem)))) {
        w = stem;
      }
    }

    re = re_5_1;
    re2 = re_mgr1;
    if (re.test(w) && re2.test(w)) {
      re = re_1b_2;
      w = w.replace(re,"");
    }

    // and turn initial Y back to y

    if (firstch == "y") {
      w = firstch.toLowerCase() + w.substr(1);
    }

    return w;
  };

  return porterStemmer;
})();


  /* ---------------------------------------------------------------- text to words */

  function stripHtml(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&nbsp;|&#160;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">").replace(/&quot;|&#34;/g, "\"").replace(/&#39;|&rsquo;|&lsquo;/g, "'")
      .replace(/&[a-z]+;|&#\d+;/g, " ");
  }

  /* Lower-case words and numbers; apostrophes dropped ("child's" -> "childs" -> stem "child"),
   * every other character (brackets, quotes, hyphens, slashes, dashes) separates words. */
  function words(text) {
    var norm = String(text || "").toLowerCase();
    if (norm.normalize) norm = norm.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    norm = norm.replace(/['\u2019\u2018]s\b/g, "").replace(/['\u2019\u2018]/g, "");
    return norm.split(/[^a-z0-9]+/).filter(Boolean);
  }

  var stemCache = Object.create(null);
  function stem(word) {
    var s = stemCache[word];
    if (s === undefined) {
      if (NUMBER_WORDS[word]) s = NUMBER_WORDS[word];
      else if (/^\d/.test(word)) s = word.replace(/^0+(?=\d)/, "");
      else s = word.length > 2 ? porterStemmer(word) : word;
      stemCache[word] = s;
    }
    return s;
  }

  /* The words of a text as stems, small words left out. */
  function terms(text) {
    var out = [];
    words(text).forEach(function (w) {
      if (!STOP_WORDS[w]) out.push(stem(w));
    });
    return out;
  }

  /* Edit distance with adjacent transpositions (Damerau), stopping early above max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  /* ---------------------------------------------------------------- glossary */

  /* Glossary entries {abbr, meaning} -> lookups both ways. The core of a meaning is the part
   * before a bracket or comma ("Child in Need (section 17 ...)" -> "Child in Need"); any other
   * abbreviation named in the meaning ("the older term for CLA") is followed one step. */
  function buildGlossary(entries) {
    var byAbbr = {}, phrases = [];
    (entries || []).forEach(function (e) {
      var core = String(e.meaning).split(/[(,;:\u2013\u2014]| - /)[0];
      byAbbr[e.abbr.toLowerCase()] = { abbr: e.abbr.toLowerCase(), core: terms(core), meaning: e.meaning };
    });
    Object.keys(byAbbr).forEach(function (key) {
      var entry = byAbbr[key];
      entry.related = [];
      (String(entry.meaning).match(/\b[A-Z][A-Za-z]*[A-Z][a-z]?\b/g) || []).forEach(function (other) {
        var o = other.toLowerCase();
        if (o !== key && byAbbr[o]) entry.related.push(o);
      });
      if (entry.core.length > 1) phrases.push(entry);
    });
    phrases.sort(function (a, b) { return b.core.length - a.core.length; });
    return { byAbbr: byAbbr, phrases: phrases };
  }

  /* ---------------------------------------------------------------- the index */

  function countInto(map, list) {
    for (var i = 0; i < list.length; i++) map[list[i]] = (map[list[i]] || 0) + 1;
  }

  function addPairs(into, list) {
    for (var i = 1; i < list.length; i++) into[list[i - 1] + " " + list[i]] = true;
  }

  function Index(data) {
    var self = this;
    var config = data.config || {};
    this.glossary = buildGlossary(config.glossary);
    this.pages = [];
    this.surface = {};    /* word -> stem */
    this.frequency = {};  /* word -> how often it is used */
    var pagesByLocation = {};
    /* The words of a text as stems (small words left out), noting each word seen. */
    function read(text) {
      var out = [], list = words(text);
      for (var i = 0; i < list.length; i++) {
        var w = list[i];
        if (STOP_WORDS[w]) continue;
        var t = stem(w);
        out.push(t);
        if (self.frequency[w]) self.frequency[w]++;
        else { self.frequency[w] = 1; self.surface[w] = t; }
      }
      return out;
    }
    (data.docs || []).forEach(function (doc) {
      var loc = doc.location.split("#")[0];
      var page = pagesByLocation[loc];
      if (!page) {
        page = pagesByLocation[loc] = { location: loc, doc: null, sections: [], boost: 1,
                                        title: {}, titleTerms: [], summary: {}, pairs: {}, headPairs: {},
                                        headings: [] };
        self.pages.push(page);
      }
      var title = stripHtml(doc.title);
      var titleTerms = read(title);
      var textTerms = read(stripHtml(doc.text));
      var section = { doc: doc, title: {}, text: {} };
      page.headings.push(titleTerms.join(" "), "=" + words(title).join(" "));
      countInto(section.title, titleTerms);
      countInto(section.text, textTerms);
      addPairs(page.pairs, titleTerms);
      addPairs(page.pairs, textTerms);
      if (doc.location === loc) {
        page.doc = doc;
        page.boost = typeof doc.boost === "number" ? doc.boost : 1;
        page.titleTerms = titleTerms;
        countInto(page.title, titleTerms);
        var summaryTerms = read(doc.summary || "");
        countInto(page.summary, summaryTerms);
        addPairs(page.pairs, summaryTerms);
        addPairs(page.headPairs, titleTerms);
        addPairs(page.headPairs, summaryTerms);
        section.isPage = true;
      }
      page.sections.push(section);
    });
    this.pages = this.pages.filter(function (p) { return p.doc; });

    /* Vocabulary: document frequency (pages) of each stem. */
    this.df = {};
    this.pages.forEach(function (page) {
      var seen = {};
      page.sections.forEach(function (s) {
        for (var t in s.title) seen[t] = true;
        for (var u in s.text) seen[u] = true;
      });
      for (var v in page.summary) seen[v] = true;
      for (var t2 in seen) self.df[t2] = (self.df[t2] || 0) + 1;
    });
    this.surfaceList = Object.keys(this.surface);
    this.stemList = Object.keys(this.df);
    this.n = this.pages.length;
    this.idfCache = Object.create(null);
  }

  Index.prototype.idf = function (t) {
    var v = this.idfCache[t];
    if (v === undefined) {
      var df = this.df[t] || 0;
      v = this.idfCache[t] = Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
    }
    return v;
  };

  /* The stems a typed word may stand for, each with how sure we are (1 = same stem). */
  Index.prototype.expandWord = function (word, isLast) {
    var self = this, found = {};
    function add(t, w) { if (self.df[t] && !(found[t] >= w)) found[t] = w; }
    var s = stem(word);
    add(s, 1);
    if (/^\d+$/.test(word)) return found;
    var exact = !!this.df[s];
    /* Typed so far: the word is the start of a longer one ("supervi" -> "supervision"). */
    /* Any word while it is the last one typed; an earlier word only if it is not a short one. */
    if (isLast ? word.length >= 2 : word.length >= 4) {
      var weight = (exact ? 0.5 : 0.8) * (isLast ? 1 : 0.8);
      this.surfaceList.forEach(function (w) {
        if (w.length > word.length && w.indexOf(word) === 0) add(self.surface[w], weight);
      });
    }
    /* Same root, other ending: one stem begins the other ("supervisor" -> "supervis"), or they
     * share their first five letters or more and most of the shorter one ("explain" ->
     * "explan", the stem of "explanation"). */
    if (s.length >= 5 && !/^\d/.test(s)) {
      this.stemList.forEach(function (t) {
        if (t === s || t.length < 5) return;
        if (s.length >= 6 && t.length >= s.length * 0.7 && s.indexOf(t) === 0) add(t, 0.7);
        else if (s.length >= 6 && t.length > s.length && t.length <= s.length + 3 && t.indexOf(s) === 0) add(t, 0.7);
        else {
          var n = 0, shorter = Math.min(s.length, t.length);
          while (n < shorter && s.charCodeAt(n) === t.charCodeAt(n)) n++;
          if (n >= 5 && n >= 0.8 * shorter && Math.abs(s.length - t.length) <= 3) add(t, 0.45);
        }
      });
    }
    /* One or two letters out, when the word itself is not in the handbook. */
    if (!exact && word.length >= 5) {
      var max = word.length >= 8 ? 2 : 1;
      this.surfaceList.forEach(function (w) {
        if (/^\d/.test(w) || w.length < 4) return;
        var d = distance(word, w, max);
        if (d <= max) add(self.surface[w], d === 1 ? 0.75 : 0.6);
      });
      if (s !== word && s.length >= 5) {
        this.stemList.forEach(function (t2) {
          if (t2.length >= 5 && !/^\d/.test(t2) && distance(s, t2, 1) <= 1) add(t2, 0.7);
        });
      }
    }
    return found;
  };

  /* Query -> concepts. Each concept is a list of alternatives; an alternative is a list of
   * word expansions that must all match (a phrase). */
  Index.prototype.parse = function (query) {
    var self = this;
    var raw = words(query);
    /* "s47" -> "section 47" */
    var list = [];
    raw.forEach(function (w) {
      var m = /^s(\d+)$/.exec(w);
      if (m) list.push("section", m[1]); else list.push(w);
    });
    var content = list.filter(function (w) { return !STOP_WORDS[w]; });
    if (!content.length) return [];
    var lastWord = list[list.length - 1];
    var stems = content.map(stem);
    var concepts = [];
    var used = {};
    /* A glossary meaning typed out in full ("family group conference") also finds its abbreviation. */
    this.glossary.phrases.forEach(function (entry) {
      for (var i = 0; i + entry.core.length <= stems.length; i++) {
        var ok = true;
        for (var j = 0; j < entry.core.length; j++)
          if (stems[i + j] !== entry.core[j] || used[i + j]) { ok = false; break; }
        if (!ok) continue;
        var phrase = content.slice(i, i + entry.core.length);
        var alternatives = [phrase.map(function (w, k) { return self.expandWord(w, i + k === content.length - 1 && w === lastWord); })];
        alternatives.push([self.abbrExpansion(entry.abbr)]);
        concepts.push({ label: phrase.join(" "), alternatives: alternatives, pos: i, words: phrase });
        for (var k = 0; k < entry.core.length; k++) used[i + k] = true;
      }
    });
    var seen = {};
    content.forEach(function (w, i) {
      if (used[i] || seen[stems[i]]) return;   /* a word typed twice counts once */
      seen[stems[i]] = true;
      var alternatives = [[self.expandWord(w, i === content.length - 1 && w === lastWord)]];
      var entry = self.glossary.byAbbr[w];
      if (entry) {
        if (entry.core.length) alternatives.push(entry.core.map(function (t) { return self.exactStem(t); }));
        entry.related.forEach(function (o) {
          var other = self.glossary.byAbbr[o];
          alternatives.push([self.abbrExpansion(o)]);
          if (other.core.length) alternatives.push(other.core.map(function (t) { return self.exactStem(t); }));
        });
      }
      concepts.push({ label: w, alternatives: alternatives, pos: i, words: [w] });
    });
    concepts.sort(function (a, b) { return a.pos - b.pos; });
    return concepts;
  };

  Index.prototype.exactStem = function (t) {
    var out = {};
    if (this.df[t]) out[t] = 1;
    return out;
  };

  Index.prototype.abbrExpansion = function (abbr) {
    var out = {};
    if (this.df[abbr]) out[abbr] = 1;
    return out;
  };

  /* How well one expansion ({stem: certainty}) matches a field ({stem: count}). */
  function fieldMatch(index, expansion, field, saturate) {
    var best = 0, bestStem = null;
    for (var t in expansion) {
      var tf = field[t];
      if (!tf) continue;
      var v = expansion[t] * index.idf(t) * (saturate ? tf * (K1 + 1) / (tf + K1) : 1);
      if (v > best) { best = v; bestStem = t; }
    }
    return [best, bestStem, bestStem ? expansion[bestStem] : 0];
  }

  /* Score of one alternative in one section of a page: each of its words must match in the
   * page title, the page summary, or the section's heading or text. */
  Index.prototype.scoreAlternative = function (page, section, alt, matched) {
    var total = 0, weakest = Infinity, certainty = 1;
    for (var i = 0; i < alt.length; i++) {
      var e = alt[i];
      var title = fieldMatch(this, e, page.title, false);
      var summary = fieldMatch(this, e, page.summary, false);
      var heading = section.isPage ? [0, null, 0] : fieldMatch(this, e, section.title, false);
      var text = fieldMatch(this, e, section.text, true);
      var s = W_TITLE * title[0] + W_SUMMARY * summary[0] + W_HEADING * heading[0] + W_TEXT * text[0];
      if (!s) return [0, 0];
      [title, summary, text, heading].forEach(function (m) { if (m[1]) matched[m[1]] = true; });
      total += s;
      weakest = Math.min(weakest, s);
      certainty = Math.min(certainty, Math.max(title[2], summary[2], heading[2], text[2]));
    }
    if (alt.length === 1) return [total, certainty];
    /* A phrase (a glossary meaning) whose words stand together scores as its average word;
     * scattered over the section, as its weakest word, and less. */
    var hits = 0;
    for (var j = 1; j < alt.length; j++) {
      var ok = false;
      for (var a in alt[j - 1]) for (var b in alt[j]) if (page.pairs[a + " " + b]) ok = true;
      hits += ok;
    }
    return [hits === alt.length - 1 ? total / alt.length : weakest * (0.4 + 0.6 * hits / (alt.length - 1)), certainty];
  };

  Index.prototype.search = function (query) {
    var self = this;
    var concepts = this.parse(query);
    if (!concepts.length) return { items: [], concepts: [] };
    /* The weight of a concept: how rare its best word is (unknown words weigh as the rarest). */
    var maxIdf = Math.log(1 + (this.n + 0.5) / 0.5);
    concepts.forEach(function (c) {
      var w = 0;
      c.alternatives.forEach(function (alt) {
        alt.forEach(function (e) { for (var t in e) if (e[t] === 1) w = Math.max(w, self.idf(t)); });
      });
      /* A word the handbook does not use (we may only guess what was meant) weighs the most. */
      c.weight = w || maxIdf;
      if (c.words.length === 1 && GENERIC_WORDS[c.words[0]]) c.weight = Math.min(c.weight, 0.3);
      c.known = w > 0;
    });
    var totalWeight = concepts.reduce(function (s, c) { return s + c.weight; }, 0);
    var typed = terms(query).join(" "), typedWords = words(query).join(" ");
    var results = [];
    this.pages.forEach(function (page) {
      var score = 0, covered = 0, matched = {}, found = {}, bestSectionCover = 0;
      var perSection = page.sections.map(function () { return 0; });
      concepts.forEach(function (c) {
        var best = 0, sure = 0;
        page.sections.forEach(function (section, k) {
          var inSection = 0;
          c.alternatives.forEach(function (alt) {
            var r = self.scoreAlternative(page, section, alt, matched);
            inSection = Math.max(inSection, r[0]);
            sure = Math.max(sure, r[1]);
          });
          if (inSection > 0) perSection[k] += c.weight;
          best = Math.max(best, inSection);
        });
        found[c.label] = best > 0;
        if (best > 0) {
          score += best;
          covered += c.weight * sure;   /* a guessed word (typo, other ending) covers less */
        }
      });
      perSection.forEach(function (w) { bestSectionCover = Math.max(bestSectionCover, w / totalWeight); });
      var coverage = covered / totalWeight;
      if (!score || coverage < MIN_COVERAGE) return;
      /* Words of the query standing together on the page, in order. */
      var near = 0;
      for (var i = 1; i < concepts.length; i++) {
        var prev = concepts[i - 1], cur = concepts[i];
        var inText = false, inHead = false;
        Object.keys(prev.alternatives[0][prev.alternatives[0].length - 1]).forEach(function (a) {
          Object.keys(cur.alternatives[0][0]).forEach(function (b) {
            if (page.pairs[a + " " + b]) inText = true;
            if (page.headPairs[a + " " + b]) inHead = true;
          });
        });
        near += inText + inHead;
      }
      /* Words standing together as typed: in the text, and more so in the title or summary. */
      var proximity = concepts.length > 1 ? 1 + 0.5 * near / (concepts.length - 1) : 1;
      /* How much of the page title the query accounts for. */
      var titleWeight = 0, titleHit = 0;
      page.titleTerms.forEach(function (t) {
        var w = self.idf(t);
        titleWeight += w;
        if (matched[t]) titleHit += w;
      });
      var titleCover = titleWeight ? titleHit / titleWeight : 0;
      /* A boost below 1 (generated pages) holds a page back unless the query is about it,
       * that is, unless the query covers its title. */
      var boost = page.boost >= 1 ? page.boost : page.boost + (1 - page.boost) * Math.pow(titleCover, 3);
      /* The query is the title or a heading of the page, word for word ("what's working well"). */
      var exact = (typed.indexOf(" ") > 0 && page.headings.indexOf(typed) >= 0) ||
        (typedWords.indexOf(" ") > 0 && page.headings.indexOf("=" + typedWords) >= 0) ? 1.6 : 1;
      var final = exact * score * coverage * coverage * (0.6 + 0.4 * bestSectionCover) * proximity *
        (1 + 0.5 * titleCover) * boost;
      results.push({ page: page, score: final, matched: matched, found: found });
    });
    results.sort(function (a, b) { return b.score - a.score || (a.page.location < b.page.location ? -1 : 1); });
    /* Leave out the long tail of pages that only brush against the query. */
    if (results.length) {
      var floor = results[0].score * MIN_RELATIVE;
      results = results.filter(function (r) { return r.score >= floor; });
    }
    return { items: results, concepts: concepts };
  };

  /* ---------------------------------------------------------------- results for Material */

  /* Wrap the words whose stems matched in <mark>, outside tags. */
  function highlight(html, matched) {
    return String(html).split(/(<[^>]*>)/).map(function (part) {
      if (part.charAt(0) === "<") return part;
      return part.replace(/[A-Za-z0-9'\u2019]+/g, function (w) {
        var k = w.toLowerCase().replace(/['\u2019]s$/, "").replace(/['\u2019]/g, "");
        return k && !STOP_WORDS[k] && matched[stem(k)] ? "<mark>" + w + "</mark>" : w;
      });
    }).join("");
  }

  Index.prototype.materialResult = function (query, limit) {
    var self = this;
    var found = this.search(query);
    var items = found.items.slice(0, limit || 30).map(function (r) {
      var terms = r.found;
      var page = r.page;
      var group = [];
      var sections = [];
      page.sections.forEach(function (sec) {
        if (sec.isPage) return;
        var s = 0;
        for (var t in r.matched) s += (sec.title[t] ? 3 : 0) + (sec.text[t] ? 1 : 0);
        if (s) sections.push({ sec: sec, s: s });
      });
      sections.sort(function (a, b) { return b.s - a.s; });
      var best = sections.length ? sections[0].s : 0;
      group.push(Object.assign({}, page.doc, {
        title: highlight(page.doc.title, r.matched),
        text: highlight(page.doc.text, r.matched),
        score: r.score, terms: terms
      }));
      sections.forEach(function (x, i) {
        group.push(Object.assign({}, x.sec.doc, {
          title: highlight(x.sec.doc.title, r.matched),
          text: highlight(x.sec.doc.text, r.matched),
          score: i < 2 && x.s >= best * 0.6 ? r.score : r.score * 0.5 * x.s / best,
          terms: terms
        }));
      });
      group.forEach(function (d) { delete d.summary; delete d.boost; });
      return group;
    });
    return { items: items, suggest: this.suggest(query) };
  };

  /* Material's search.suggest: the most used word that completes the last word typed. */
  Index.prototype.suggest = function (query) {
    var typed = String(query).split(/[\s-]+/).pop();
    var last = words(typed);
    if (last.length !== 1 || last[0].length < 2 || last[0] !== typed.toLowerCase()) return [];
    var best = null, self = this;
    this.surfaceList.forEach(function (w) {
      if (w.length > typed.length && w.indexOf(last[0]) === 0 && !/^\d/.test(w) &&
          (!best || self.frequency[w] > self.frequency[best])) best = w;
    });
    return best ? [typed + best.slice(typed.length)] : [];
  };

  /* ---------------------------------------------------------------- the worker */

  var api = { Index: Index, words: words, stem: stem, terms: terms, distance: distance,
              buildGlossary: buildGlossary, STOP_WORDS: STOP_WORDS };
  root.PracticeHubSearch = api;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  var index = null;
  function ready(data) {
    if (!index) index = new Index(data);
    postMessage({ type: READY });
  }

  addEventListener("message", function (ev) {
    var message = ev.data;
    if (message.type === SETUP) {
      ready(message.data);
    } else if (message.type === QUERY) {
      var data;
      try {
        data = index ? index.materialResult(message.data) : { items: [] };
      } catch (err) {
        console.warn("Practice Hub search: query failed", err);
        data = { items: [] };
      }
      postMessage({ type: RESULT, data: data });
    }
  });

  /* From file:// the page sends the index only when the search box is focused: load it now. */
  var script = typeof document !== "undefined" ? document.querySelector("script[src]") : null;
  var here = script ? script.src : (typeof location !== "undefined" ? location.href : "");
  if (/^file:/.test(here) && typeof importScripts === "function") {
    var indexUrl = new URL("../../../search/search_index.js", here.split("?")[0]).href;
    Promise.resolve(importScripts(indexUrl)).then(function () {
      if (typeof __index !== "undefined") ready(__index);   // eslint-disable-line no-undef
    });
  }
})(typeof self !== "undefined" ? self : this);
