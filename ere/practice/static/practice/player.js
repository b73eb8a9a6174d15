// Applicatifs-écoles: the player. It draws a sandbox definition as a small fake application, records what the agent
// does, checks the mission in the browser for immediate feedback, then sends the attempt to the server, which replays
// it with ere/practice/sandbox.py: the server's verdict is the truth.
//
// The engine (first half) mirrors sandbox.py function by function: change both together.
// tests/practice/test_sandbox_engine.py runs both on every example of every demo sandbox (with Node).
// No build step, no external request: once the page is loaded, an attempt needs no network.
(function (global) {
  "use strict";

  if (global.ERESandbox) {
    return; // already loaded by another include on this page
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Values: how the engine reads, compares and folds them (as sandbox.py)

  var NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var TIME = /^[0-9]{2}:[0-9]{2}$/;
  var PLACEHOLDER = /\{([a-z0-9][a-z0-9_-]*)(?:\.([a-z0-9][a-z0-9_-]*))?\}/g;
  var OPERATORS = ["equals", "not_equals", "contains", "not_contains", "matches", "one_of", "not_empty", "empty",
    "gte", "lte"];
  var PATH_KINDS = ["required", "forbidden", "order"];
  var ACTION_TYPES = ["navigate", "tab", "input", "click", "row", "finish"];

  function has(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  function asText(value) {
    if (value === null || value === undefined) return "";
    if (value === true) return "true";
    if (value === false) return "false";
    return String(value);
  }

  function fold(value) {
    var text = asText(value).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\u2019/g, "'").toLowerCase();
    return text.split(/\s+/).filter(Boolean).join(" ");
  }

  function toNumber(value) {
    if (value === null || value === undefined || typeof value === "boolean") return null;
    if (typeof value === "number") return value;
    var text = String(value).trim().replace(",", ".");
    return NUMBER.test(text) ? Number(text) : null;
  }

  function isEmpty(value) {
    return value === null || value === undefined || value === false ||
      (typeof value === "string" && value.trim() === "");
  }

  function equal(a, b) {
    var na = toNumber(a), nb = toNumber(b);
    if (na !== null && nb !== null) return na === nb;
    return fold(a) === fold(b);
  }

  function compare(a, b) {
    var na = toNumber(a), nb = toNumber(b);
    if (na !== null && nb !== null) return (na > nb) - (na < nb);
    var sa = asText(a).trim(), sb = asText(b).trim();
    var patterns = [DATE, TIME];
    for (var i = 0; i < patterns.length; i++) {
      if (patterns[i].test(sa) && patterns[i].test(sb)) return (sa > sb) - (sa < sb);
    }
    return null;
  }

  function satisfies(operator, value, expected) {
    var order;
    switch (operator) {
      case "equals": return equal(value, expected);
      case "not_equals": return !equal(value, expected);
      case "contains": return fold(value).indexOf(fold(expected)) !== -1;
      case "not_contains": return fold(value).indexOf(fold(expected)) === -1;
      case "matches": return new RegExp(expected, "i").test(asText(value));
      case "one_of": return expected.some(function (candidate) { return equal(value, candidate); });
      case "not_empty": return !isEmpty(value);
      case "empty": return isEmpty(value);
      case "gte":
      case "lte":
        order = compare(value, expected);
        return order !== null && (operator === "gte" ? order >= 0 : order <= 0);
    }
    throw new Error("Opérateur inconnu : " + operator);
  }

  function operatorOf(condition) {
    for (var i = 0; i < OPERATORS.length; i++) {
      if (has(condition, OPERATORS[i])) return [OPERATORS[i], condition[OPERATORS[i]]];
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Walking a definition

  function walk(components, visit) {
    (components || []).forEach(function (component) {
      visit(component);
      if (component.type === "section") walk(component.components, visit);
      else if (component.type === "tabs") {
        component.tabs.forEach(function (tab) { walk(tab.components, visit); });
      }
    });
  }

  function buttonsOf(component) {
    if (component.type === "button") return [component];
    if (component.type === "buttons") return component.buttons;
    return [];
  }

  function Index(definition) {
    var self = this;
    this.screens = {};
    this.menu = (definition.menu || []).map(function (entry) { return entry.screen; });
    this.fields = {};
    this.buttons = {};
    this.rowActions = {};
    this.components = {};
    this.tabs = {};
    this.onScreen = {};
    this.fieldOrder = [];
    definition.screens.forEach(function (screen) {
      self.screens[screen.id] = screen;
      var here = self.onScreen[screen.id] = {fields: {}, clicks: {}, rows: {}, tabs: {}};
      walk(screen.components, function (component) {
        if (component.type === "field") {
          self.fields[component.id] = component;
          self.fieldOrder.push(component.id);
          here.fields[component.id] = true;
        } else if (component.type === "table" || component.type === "list") {
          self.components[component.id] = component;
          (component.actions || []).forEach(function (action) {
            self.rowActions[action.id] = {component: component, action: action};
            here.rows[action.id] = true;
          });
        } else if (component.type === "tabs") {
          self.components[component.id] = component;
          component.tabs.forEach(function (tab) {
            self.tabs[tab.id] = {component: component, tab: tab};
            here.tabs[tab.id] = true;
          });
        }
        buttonsOf(component).forEach(function (button) {
          self.buttons[button.id] = button;
          here.clicks[button.id] = true;
        });
      });
    });
  }

  function defaultValue(field) {
    if (field.input === "checkbox") return Boolean(has(field, "value") ? field.value : false);
    return has(field, "value") ? field.value : "";
  }

  function optionValues(field, records) {
    if (field.options_from) {
      return (records[field.options_from.collection] || []).map(function (record) { return record.id; });
    }
    return (field.options || []).map(function (option) { return option.value; });
  }

  function initialState(definition, index) {
    index = index || new Index(definition);
    var values = {};
    index.fieldOrder.forEach(function (name) { values[name] = defaultValue(index.fields[name]); });
    var added = {};
    Object.keys(definition.records || {}).forEach(function (name) { added[name] = []; });
    return {
      screen: null,
      values: values,
      records: JSON.parse(JSON.stringify(definition.records || {})),
      selected: {},
      tabs: {},
      searches: {},
      added: added,
      notice: "",
      finished: false
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Replaying an attempt (as sandbox._Replay)

  function ActionError(message) {
    var error = new Error(message);
    error.name = "ActionError";
    return error;
  }

  function Replay(definition) {
    var self = this;
    this.d = definition;
    this.ix = new Index(definition);
    this.state = initialState(definition, this.ix);
    this.position = 0;
    this.screenVisits = 0;
    this.first = {};
    this.steps = [];
    definition.checks.forEach(function (check, number) {
      PATH_KINDS.forEach(function (kind) {
        if (!has(check, kind)) return;
        var steps = kind === "order" ? check[kind] : [check[kind]];
        steps.forEach(function (step, slot) { self.steps.push({key: number + ":" + slot, step: step}); });
      });
    });
    this.enter(definition.start);
  }

  Replay.prototype.event = function (kind, target, record) {
    this.position += 1;
    for (var i = 0; i < this.steps.length; i++) {
      var key = this.steps[i].key, step = this.steps[i].step, hit;
      if (has(this.first, key)) continue;
      if (kind === "visit") {
        hit = step.visited === target;
      } else {
        hit = step.clicked === target &&
          (!has(step, "record") || step.record === record) &&
          (!has(step, "when") || this.condition(step.when));
      }
      if (hit) this.first[key] = this.position;
    }
  };

  Replay.prototype.visitTabs = function (components) {
    var self = this;
    components.forEach(function (component) {
      if (component.type === "section") self.visitTabs(component.components);
      else if (component.type === "tabs") {
        var active = self.state.tabs[component.id];
        self.event("visit", active);
        self.visitTabs(self.ix.tabs[active].tab.components);
      }
    });
  };

  Replay.prototype.enter = function (screenId) {
    var self = this, screen = this.ix.screens[screenId];
    this.state.screen = screenId;
    this.screenVisits += 1;
    walk(screen.components, function (component) {
      if (component.type === "tabs") self.state.tabs[component.id] = component.tabs[0].id;
    });
    this.event("visit", screenId);
    this.visitTabs(screen.components);
  };

  Replay.prototype.openTab = function (tabId) {
    var entry = this.ix.tabs[tabId];
    this.state.tabs[entry.component.id] = tabId;
    this.event("visit", tabId);
    this.visitTabs(entry.tab.components);
  };

  Replay.prototype.find = function (collection, recordId) {
    var records = this.state.records[collection] || [];
    for (var i = 0; i < records.length; i++) {
      if (records[i].id === recordId) return records[i];
    }
    return null;
  };

  Replay.prototype.whereMatches = function (record, where) {
    var keys = Object.keys(where || {});
    for (var i = 0; i < keys.length; i++) {
      var expected = where[keys[i]];
      if (expected !== null && typeof expected === "object") {
        expected = has(this.state.selected, expected.selected) ? this.state.selected[expected.selected] : null;
        if (expected === null) return false;
      }
      if (!equal(record[keys[i]], expected)) return false;
    }
    return true;
  };

  Replay.prototype.visible = function (component) {
    var self = this;
    var records = (this.state.records[component.collection] || []).filter(function (record) {
      return self.whereMatches(record, component.where);
    });
    if (component.filter) {
      var snapshot = this.state.searches[component.id];
      if (!snapshot) return [];
      records = records.filter(function (record) {
        return component.filter.every(function (rule) { return Replay.passes(record, rule, snapshot[rule.field]); });
      });
    }
    return records;
  };

  Replay.passes = function (record, rule, value) {
    if (isEmpty(value)) return true;
    if (record[rule.key] === null || record[rule.key] === undefined) return false;
    var operator = rule.op || "contains";
    if (operator === "equals") return equal(record[rule.key], value);
    if (operator === "contains") return fold(record[rule.key]).indexOf(fold(value)) !== -1;
    var order = compare(record[rule.key], value);
    return order !== null && (operator === "gte" ? order >= 0 : order <= 0);
  };

  Replay.prototype.select = function (selector) {
    var self = this, records = this.state.records[selector.collection] || [];
    if (selector.added) {
      var added = this.state.added[selector.collection] || [];
      records = records.filter(function (record) { return added.indexOf(record.id) !== -1; });
    }
    return records.filter(function (record) { return self.whereMatches(record, selector.where); });
  };

  Replay.prototype.condition = function (condition) {
    var op = operatorOf(condition), operator = op[0], expected = op[1];
    if (has(condition, "field")) return satisfies(operator, this.state.values[condition.field], expected);
    if (has(condition, "record")) {
      var key = condition.record.key;
      return this.select(condition.record).every(function (record) {
        return satisfies(operator, record[key], expected);
      });
    }
    return satisfies(operator, this.select(condition.count).length, expected);
  };

  Replay.prototype.compose = function (effect) {
    var state = this.state, record = {};
    Object.keys(effect.fields || {}).forEach(function (key) { record[key] = state.values[effect.fields[key]]; });
    Object.keys(effect.link || {}).forEach(function (key) {
      record[key] = has(state.selected, effect.link[key]) ? state.selected[effect.link[key]] : "";
    });
    Object.keys(effect.values || {}).forEach(function (key) { record[key] = effect.values[key]; });
    return record;
  };

  Replay.prototype.newId = function (collection) {
    var records = this.state.records[collection];
    var taken = {};
    records.forEach(function (record) { taken[record.id] = true; });
    var number = records.length + 1;
    while (has(taken, collection + "-" + number)) number += 1;
    return collection + "-" + number;
  };

  Replay.prototype.coerce = function (field, value) {
    if (field.input === "checkbox") return value === true || fold(value) === "true" || fold(value) === "oui";
    return asText(value);
  };

  Replay.prototype.run = function (effects) {
    var self = this, state = this.state;
    effects.forEach(function (effect) {
      var collection, record, recordId;
      if (has(effect, "go")) {
        self.enter(effect.go);
        if (has(effect, "tab")) self.openTab(effect.tab);
      } else if (has(effect, "set")) {
        state.values[effect.set] = effect.value;
      } else if (has(effect, "clear")) {
        effect.clear.forEach(function (name) { state.values[name] = defaultValue(self.ix.fields[name]); });
      } else if (has(effect, "add")) {
        collection = effect.add;
        record = Object.assign({id: self.newId(collection)}, self.compose(effect));
        state.records[collection].push(record);
        state.added[collection].push(record.id);
        state.selected[collection] = record.id;
      } else if (has(effect, "update")) {
        record = self.find(effect.update, effect.record || state.selected[effect.update]);
        if (record) Object.assign(record, self.compose(effect));
      } else if (has(effect, "remove")) {
        collection = effect.remove;
        recordId = effect.record || state.selected[collection];
        if (recordId === undefined || recordId === null) return;
        state.records[collection] = state.records[collection].filter(function (r) { return r.id !== recordId; });
        if (state.selected[collection] === recordId) delete state.selected[collection];
      } else if (has(effect, "fill")) {
        record = self.find(effect.fill, state.selected[effect.fill]);
        if (record) {
          Object.keys(effect.fields).forEach(function (key) {
            var name = effect.fields[key];
            state.values[name] = self.coerce(self.ix.fields[name], record[key]);
          });
        }
      } else if (has(effect, "search")) {
        var component = self.ix.components[effect.search], snapshot = {};
        component.filter.forEach(function (rule) { snapshot[rule.field] = state.values[rule.field]; });
        state.searches[component.id] = snapshot;
      } else if (has(effect, "notify")) {
        state.notice = effect.notify;
      } else if (has(effect, "finish")) {
        state.finished = true;
      }
    });
  };

  Replay.prototype.inputValue = function (number, target, value) {
    var field = this.ix.fields[target], prefix = "Action n° " + number + " : ";
    if (field.input === "checkbox") {
      if (typeof value !== "boolean") {
        throw ActionError(prefix + "la case « " + field.label + " » vaut true ou false.");
      }
      return value;
    }
    if (typeof value !== "string") {
      throw ActionError(prefix + "la valeur de « " + field.label + " » doit être du texte.");
    }
    if (value === "") return value;
    if ((field.input === "select" || field.input === "radio") &&
        optionValues(field, this.state.records).indexOf(value) === -1) {
      throw ActionError(prefix + "« " + value + " » n'est pas un choix du champ « " + field.label + " ».");
    }
    if (field.input === "number" && toNumber(value) === null) throw ActionError(prefix + "un nombre est attendu.");
    if (field.input === "date" && !DATE.test(value)) throw ActionError(prefix + "une date AAAA-MM-JJ est attendue.");
    return value;
  };

  Replay.prototype.apply = function (number, action) {
    var state = this.state, prefix = "Action n° " + number + " : ";
    if (action === null || typeof action !== "object") throw ActionError(prefix + "un objet est attendu.");
    if (state.finished) throw ActionError(prefix + "la mission est déjà terminée.");
    var kind = action.type, target = action.target, here = this.ix.onScreen[state.screen];
    if (kind !== "finish" && typeof target !== "string") throw ActionError(prefix + "« target » est attendu.");
    state.notice = "";
    if (kind === "navigate") {
      if (this.ix.menu.indexOf(target) === -1) {
        throw ActionError(prefix + "« " + target + " » n'est pas dans le menu.");
      }
      this.enter(target);
    } else if (kind === "tab") {
      if (!has(here.tabs, target)) throw ActionError(prefix + "l'onglet « " + target + " » n'est pas sur l'écran.");
      this.openTab(target);
    } else if (kind === "input") {
      if (!has(here.fields, target)) throw ActionError(prefix + "le champ « " + target + " » n'est pas sur l'écran.");
      state.values[target] = this.inputValue(number, target, action.value);
    } else if (kind === "click") {
      if (!has(here.clicks, target)) throw ActionError(prefix + "le bouton « " + target + " » n'est pas sur l'écran.");
      this.event("click", target);
      this.run(this.ix.buttons[target].do);
    } else if (kind === "row") {
      if (!has(here.rows, target)) throw ActionError(prefix + "l'action « " + target + " » n'est pas sur l'écran.");
      var entry = this.ix.rowActions[target];
      var shown = this.visible(entry.component).map(function (record) { return record.id; });
      if (shown.indexOf(action.record) === -1) throw ActionError(prefix + "la fiche n'est pas affichée.");
      state.selected[entry.component.collection] = action.record;
      this.event("click", target, action.record);
      this.run(entry.action.do);
    } else if (kind === "finish") {
      state.finished = true;
    } else {
      throw ActionError(prefix + "type inconnu (types permis : " + ACTION_TYPES.join(", ") + ").");
    }
  };

  Replay.prototype.verdict = function () {
    var self = this, failures = [];
    this.d.checks.forEach(function (check, number) {
      var ok, before, after;
      if (has(check, "required")) ok = has(self.first, number + ":0");
      else if (has(check, "forbidden")) ok = !has(self.first, number + ":0");
      else if (has(check, "order")) {
        before = self.first[number + ":0"];
        after = self.first[number + ":1"];
        ok = after === undefined || (before !== undefined && before < after);
      } else ok = self.condition(check);
      if (!ok) failures.push({id: check.id, feedback: check.feedback});
    });
    var finished = this.state.finished;
    return {
      succeeded: finished && failures.length === 0,
      finished: finished,
      failures: failures,
      mistakes: failures.map(function (failure) { return failure.id; }),
      state: this.state
    };
  };

  function evaluate(definition, actions) {
    if (!Array.isArray(actions)) throw ActionError("Le journal des actions doit être une liste.");
    var replay = new Replay(definition);
    actions.forEach(function (action, position) { replay.apply(position + 1, action); });
    return replay.verdict();
  }

  var Engine = {
    asText: asText, fold: fold, toNumber: toNumber, equal: equal, compare: compare, satisfies: satisfies,
    initialState: initialState, Replay: Replay, evaluate: evaluate
  };
  global.ERESandbox = Engine;
  if (typeof module !== "undefined" && module.exports) module.exports = Engine;
  if (typeof document === "undefined") return;

  // ---------------------------------------------------------------------------------------------------------------
  // The player in the page

  // Attempts waiting for the network are kept per user (`ere:sandbox-attempts:<user id>`, the id from the player's
  // `data-user`): on a shared workstation, an attempt left by one agent is never sent under another one's session.
  var QUEUE_KEY = "ere:sandbox-attempts";
  var players = 0;

  // French typography for what the player writes: no line break just inside « » or before : ; ! ?, nor inside a
  // phone number (04 72 15 48 90) or a SIRET (812 345 678 00021).
  function typo(text) {
    return String(text).replace(/« /g, "«\u00a0").replace(/ »/g, "\u00a0»").replace(/ ([:;!?])/g, "\u00a0$1")
      .replace(/\b0[1-9](?: [0-9]{2}){4}\b|\b[0-9]{3} [0-9]{3} [0-9]{3}(?: [0-9]{5})?\b/g, function (number) {
        return number.replace(/ /g, "\u00a0");
      });
  }

  function h(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") element.textContent = typo(value);
      else if (name === "className") element.className = value;
      else element.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      element.appendChild(typeof child === "string" ? document.createTextNode(typo(child)) : child);
    });
    return element;
  }

  function srOnly(text) {
    return h("span", {className: "sbx-sr-only", text: text});
  }

  function display(value) {
    if (value === true) return "Oui";
    if (value === false) return "Non";
    var text = asText(value);
    if (DATE.test(text)) return text.slice(8, 10) + "/" + text.slice(5, 7) + "/" + text.slice(0, 4);
    return text;
  }

  function uuid4() {
    var bytes = new Uint8Array(16);
    global.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" +
      hex.slice(20);
  }

  function plural(count, singular, pluralForm) {
    return count + " " + (count < 2 ? singular : pluralForm || singular + "s");
  }

  // Attempts waiting for the network, kept across page loads, under the key of the user the page is for (none
  // without a user: nothing is kept).
  function queueKey() {
    var root = document.querySelector("[data-sandbox-player][data-user]");
    return root && root.dataset.user ? QUEUE_KEY + ":" + root.dataset.user : null;
  }

  function readQueue() {
    var key = queueKey();
    if (!key) return [];
    try {
      var queue = JSON.parse(global.localStorage.getItem(key) || "[]");
      return Array.isArray(queue) ? queue : [];
    } catch (error) {
      return [];
    }
  }

  function writeQueue(queue) {
    var key = queueKey();
    if (!key) return;
    try {
      if (queue.length) global.localStorage.setItem(key, JSON.stringify(queue));
      else global.localStorage.removeItem(key);
    } catch (error) {
      // Private browsing without storage: the attempt is lost if the page closes offline, nothing else breaks.
    }
  }

  // The queue of earlier versions was shared by every user of the browser: whose attempts it holds is unknown.
  function dropSharedQueue() {
    try {
      global.localStorage.removeItem(QUEUE_KEY);
    } catch (error) {
      // No storage: nothing to drop.
    }
  }

  function enqueue(item) {
    var queue = readQueue().filter(function (other) { return other.payload.client_id !== item.payload.client_id; });
    queue.push(item);
    writeQueue(queue);
  }

  function dequeue(clientId) {
    writeQueue(readQueue().filter(function (item) { return item.payload.client_id !== clientId; }));
  }

  function csrfToken() {
    var input = document.querySelector("[data-sandbox-player] input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // POST one attempt. Resolves {ok, verdict} when the server recorded it, {retry} when it should be sent again later
  // (no network, server error, session expired), {gone} when the sandbox is no longer offered (404), {error} when
  // the server refused it for good.
  function post(item) {
    return global.fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify(item.payload)
    }).then(function (response) {
      if (response.status === 404) return {gone: true};
      var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") !== -1;
      if (!isJson || response.redirected || response.status >= 500) return {retry: true};
      return response.json().then(function (body) {
        return response.ok ? {ok: true, verdict: body} : {error: body.error || "la tentative est refusée."};
      });
    }, function () {
      return {retry: true};
    });
  }

  var flushing = false;

  function flushQueue() {
    if (flushing || !global.navigator.onLine) return;
    var queue = readQueue();
    if (!queue.length) return;
    flushing = true;
    var chain = Promise.resolve();
    queue.forEach(function (item) {
      chain = chain.then(function () {
        return post(item).then(function (answer) {
          if (answer.retry) return;
          dequeue(item.payload.client_id); // recorded, or refused for good (a withdrawn sandbox): not sent again
          if (answer.ok) {
            document.dispatchEvent(new CustomEvent("sandbox:recorded", {
              detail: {clientId: item.payload.client_id, succeeded: answer.verdict.succeeded}
            }));
          }
        });
      });
    });
    chain.then(function () { flushing = false; }, function () { flushing = false; });
  }

  function Player(root) {
    players += 1;
    this.root = root;
    this.prefix = "sbx" + players + "-";
    this.level = Math.min(Math.max(parseInt(root.dataset.headingLevel || "3", 10), 2), 5);
    this.url = root.dataset.attemptUrl;
    var source = document.getElementById(root.dataset.definition || "sandbox-definition");
    this.definition = JSON.parse(source.textContent);
    this.build();
    this.restart(false);
  }

  Player.prototype.heading = function (offset, attributes, text) {
    return h("h" + Math.min(this.level + offset, 6), attributes, [text]);
  };

  Player.prototype.build = function () {
    var self = this, app = this.definition.app, mount = this.root.querySelector("[data-sandbox-mount]") || this.root;
    var hints = this.definition.hints || [];
    this.hintButton = h("button", {type: "button", className: "fr-btn fr-btn--secondary fr-icon-lightbulb-line"});
    this.restartButton = h("button", {type: "button", className: "fr-btn fr-btn--tertiary fr-icon-refresh-line",
      text: "Recommencer"});
    this.finishButton = h("button", {type: "button", className: "fr-btn fr-icon-check-line",
      text: "J'ai terminé la mission"});
    var tools = [this.restartButton, this.finishButton];
    if (hints.length) tools.unshift(this.hintButton);
    this.toolbar = h("ul", {className: "fr-btns-group fr-btns-group--inline-md fr-btns-group--sm " +
      "fr-btns-group--icon-left sbx__toolbar"},
      tools.map(function (button) { return h("li", {}, [button]); }));
    this.hintList = h("ol", {className: "sbx__hint-list"});
    this.hintBox = h("div", {className: "sbx__hints", "aria-live": "polite", hidden: true}, [
      this.heading(0, {className: "sbx__hints-title"}, "Indices"), this.hintList
    ]);

    this.menu = h("ul", {className: "sbx-app__menu-list"});
    (this.definition.menu || []).forEach(function (entry) {
      self.menu.appendChild(h("li", {}, [h("button", {
        type: "button", className: "sbx-app__menu-link", "data-sbx-nav": entry.screen,
        "data-sbx-key": "nav:" + entry.screen, text: entry.label
      })]));
    });
    this.notice = h("p", {className: "sbx-app__notice", role: "status"});
    this.frozen = h("p", {className: "sbx-app__frozen", hidden: true,
      text: "Mission terminée : l'applicatif est figé. Cliquez sur « Recommencer » pour refaire la mission."});
    this.screen = h("div", {className: "sbx-app__screen"});
    var initials = app.name.split(/\s+/).filter(function (word) { return word.length > 2; })
      .slice(0, 2).map(function (word) { return word[0].toUpperCase(); }).join("");
    var bar = h("div", {className: "sbx-app__bar"}, [
      h("span", {className: "sbx-app__logo", "aria-hidden": "true", text: initials || app.name[0]}),
      h("span", {className: "sbx-app__name", text: app.name}),
      h("span", {className: "sbx-app__badge", text: "Applicatif-école : aucune donnée réelle"}),
      app.user || app.today ?
        h("span", {className: "sbx-app__user", text: [app.user, app.today].filter(Boolean).join(" · ")}) : null
    ]);
    var body = h("div", {className: "sbx-app__body"}, [
      this.definition.menu && this.definition.menu.length ?
        h("nav", {className: "sbx-app__menu", "aria-label": "Menu de l'applicatif-école"}, [this.menu]) : null,
      h("div", {className: "sbx-app__main"}, [this.frozen, this.notice, this.screen])
    ]);
    this.app = h("div", {
      className: "sbx-app", role: "region",
      "aria-label": "Applicatif-école « " + app.name + " » : écrans simulés, aucune donnée réelle"
    }, [bar, body]);
    this.result = h("div", {className: "sbx__result", "aria-live": "polite"});
    this.sync = h("p", {className: "sbx__sync fr-text--sm", role: "status"});
    mount.appendChild(h("div", {className: "sbx__player"},
      [this.toolbar, this.hintBox, this.app, this.result, this.sync]));

    this.hintButton.addEventListener("click", function () { self.showHint(); });
    this.restartButton.addEventListener("click", function () { self.restart(true); });
    this.finishButton.addEventListener("click", function () { self.act({type: "finish"}, null); });
    this.app.addEventListener("click", function (event) { self.onClick(event); });
    this.app.addEventListener("change", function (event) { self.onChange(event); });
    this.app.addEventListener("keydown", function (event) { self.onKeydown(event); });
  };

  Player.prototype.restart = function (focus) {
    this.replay = new Replay(this.definition);
    this.log = [];
    this.clientId = uuid4();
    this.startedAt = Date.now();
    this.done = false;
    this.hintsShown = 0;
    this.hintList.textContent = "";
    this.hintBox.hidden = true;
    this.updateHintButton();
    this.result.textContent = "";
    this.sync.textContent = "";
    this.app.inert = false;
    this.app.classList.remove("sbx-app--done");
    this.frozen.hidden = true;
    this.finishButton.disabled = false;
    this.renderedVisits = -1;
    this.render(null, focus);
  };

  Player.prototype.updateHintButton = function () {
    var total = (this.definition.hints || []).length;
    if (this.hintsShown >= total) {
      this.hintButton.textContent = "Tous les indices sont affichés";
      this.hintButton.disabled = true;
    } else {
      this.hintButton.textContent = "Afficher un indice (" + (this.hintsShown + 1) + " sur " + total + ")";
      this.hintButton.disabled = false;
    }
  };

  Player.prototype.showHint = function () {
    var hints = this.definition.hints || [];
    if (this.hintsShown >= hints.length) return;
    this.hintList.appendChild(h("li", {text: hints[this.hintsShown]}));
    this.hintsShown += 1;
    this.hintBox.hidden = false;
    this.updateHintButton();
    if (this.hintButton.disabled) this.finishButton.focus();
  };

  // What the agent does
  Player.prototype.onClick = function (event) {
    var target = event.target.closest("[data-sbx-button], [data-sbx-row], [data-sbx-nav], [data-sbx-tab]");
    if (!target || !this.app.contains(target)) return;
    var key = target.getAttribute("data-sbx-key");
    if (target.hasAttribute("data-sbx-button")) this.act({type: "click", target: target.dataset.sbxButton}, key);
    else if (target.hasAttribute("data-sbx-row")) {
      this.act({type: "row", target: target.dataset.sbxRow, record: target.dataset.sbxRecord}, key);
    } else if (target.hasAttribute("data-sbx-nav")) this.act({type: "navigate", target: target.dataset.sbxNav}, key);
    else if (target.getAttribute("aria-selected") !== "true") {
      this.act({type: "tab", target: target.dataset.sbxTab}, key);
    }
  };

  Player.prototype.onChange = function (event) {
    var input = event.target.closest("[data-sbx-field]");
    if (input) this.syncField(input.dataset.sbxField);
  };

  // Tabs: the arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation).
  // Enter in a field of the fake application never submits a form of the page around the player.
  Player.prototype.onKeydown = function (event) {
    if (event.key === "Enter" && event.target.matches("input[data-sbx-field]")) {
      event.preventDefault();
      this.syncField(event.target.dataset.sbxField);
      return;
    }
    var tab = event.target.closest("[role=tab]");
    if (!tab) return;
    var tabs = Array.prototype.slice.call(tab.parentNode.querySelectorAll("[role=tab]"));
    var index = tabs.indexOf(tab), next = null;
    if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
    else if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
    else if (event.key === "Home") next = tabs[0];
    else if (event.key === "End") next = tabs[tabs.length - 1];
    if (!next) return;
    event.preventDefault();
    this.act({type: "tab", target: next.dataset.sbxTab}, next.getAttribute("data-sbx-key"));
  };

  Player.prototype.domValue = function (name) {
    var field = this.replay.ix.fields[name];
    var inputs = this.screen.querySelectorAll("[data-sbx-field='" + name + "']");
    if (!inputs.length) return undefined;
    if (field.input === "checkbox") return inputs[0].checked;
    if (field.input === "radio") {
      var checked = Array.prototype.filter.call(inputs, function (input) { return input.checked; });
      return checked.length ? checked[0].value : "";
    }
    return inputs[0].value;
  };

  Player.prototype.syncField = function (name) {
    var value = this.domValue(name);
    if (value === undefined || value === this.replay.state.values[name]) return;
    this.act({type: "input", target: name, value: value}, null);
  };

  // Typing then clicking a button at once: record what the fields hold before the click.
  Player.prototype.syncFields = function () {
    var self = this, seen = {};
    Array.prototype.forEach.call(this.screen.querySelectorAll("[data-sbx-field]"), function (input) {
      var name = input.dataset.sbxField;
      if (!has(seen, name)) {
        seen[name] = true;
        self.syncField(name);
      }
    });
  };

  Player.prototype.act = function (action, focusKey) {
    if (this.done) return;
    if (action.type !== "input") this.syncFields();
    try {
      this.replay.apply(this.log.length + 1, action);
    } catch (error) {
      global.console.error("Applicatif-école : action ignorée", action, error);
      return;
    }
    this.log.push(action);
    if (action.type === "input") return;
    this.render(focusKey, true);
    if (this.replay.state.finished) this.finish();
  };

  // Drawing the current state
  Player.prototype.render = function (focusKey, focus) {
    var self = this, state = this.replay.state, screen = this.replay.ix.screens[state.screen];
    var moved = this.replay.screenVisits !== this.renderedVisits;
    this.renderedVisits = this.replay.screenVisits;
    Array.prototype.forEach.call(this.menu.querySelectorAll("[data-sbx-nav]"), function (button) {
      if (button.dataset.sbxNav === state.screen) button.setAttribute("aria-current", "page");
      else button.removeAttribute("aria-current");
    });
    this.notice.textContent = typo(state.notice || "");
    var title = this.heading(0, {className: "sbx-app__title", tabindex: "-1", id: this.prefix + "title"},
      screen.title);
    this.screen.textContent = "";
    this.screen.appendChild(title);
    screen.components.forEach(function (component) { self.screen.appendChild(self.component(component, 1)); });
    this.markScrollables();
    if (!focus) return;
    var target = !moved && focusKey ? this.screen.querySelector("[data-sbx-key='" + focusKey + "']") ||
      this.menu.querySelector("[data-sbx-key='" + focusKey + "']") : null;
    (target || title).focus();
  };

  // A table wider than the screen scrolls sideways: make it reachable and named for the keyboard, and only then.
  Player.prototype.markScrollables = function () {
    Array.prototype.forEach.call(this.screen.querySelectorAll(".sbx-table-wrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", wrap.dataset.label + " (faites défiler pour tout voir)");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  };

  Player.prototype.fieldText = function (name) {
    var field = this.replay.ix.fields[name], value = this.replay.state.values[name];
    if (isEmpty(value)) return "—";
    if (field.input === "checkbox") return value ? "oui" : "non";
    if (field.options_from) {
      var record = this.replay.find(field.options_from.collection, value);
      return record ? this.template(field.options_from.label, record) : asText(value);
    }
    if (field.options) {
      var option = field.options.filter(function (o) { return o.value === value; })[0];
      return option ? option.label : asText(value);
    }
    return display(value);
  };

  Player.prototype.fill = function (text) {
    var self = this, state = this.replay.state;
    return text.replace(PLACEHOLDER, function (match, name, key) {
      if (key) {
        var record = self.replay.find(name, state.selected[name]);
        return record && !isEmpty(record[key]) ? display(record[key]) : "—";
      }
      return has(self.replay.ix.fields, name) ? self.fieldText(name) : match;
    });
  };

  Player.prototype.template = function (text, record) {
    return text.replace(PLACEHOLDER, function (match, key, sub) {
      return sub ? match : display(has(record, key) ? record[key] : "");
    });
  };

  Player.prototype.cell = function (record, column) {
    var value = record[column.key];
    if (column.ref && !isEmpty(value)) {
      var other = this.replay.find(column.ref, value);
      return other ? asText(other.name || other.title || other.id) : asText(value);
    }
    return isEmpty(value) ? "—" : display(value);
  };

  Player.prototype.recordName = function (record, component) {
    if (!isEmpty(record.name)) return asText(record.name);
    if (!isEmpty(record.title)) return asText(record.title);
    if (component.columns) return this.cell(record, component.columns[0]);
    return record.id;
  };

  Player.prototype.component = function (component, depth) {
    switch (component.type) {
      case "text": return this.text(component, depth);
      case "field": return this.field(component);
      case "section": return this.section(component, depth);
      case "details": return this.details(component);
      case "table": return this.table(component);
      case "list": return this.list(component, depth);
      case "button": return h("div", {className: "sbx-actions"}, [this.button(component)]);
      case "buttons": return h("div", {className: "sbx-actions"}, component.buttons.map(this.button, this));
      case "tabs": return this.tabs(component, depth);
    }
    return h("div");
  };

  Player.prototype.text = function (component, depth) {
    var text = this.fill(component.text), style = component.style || "paragraph";
    if (style === "heading") return this.heading(depth, {className: "sbx-heading"}, text);
    if (style === "paragraph") return h("p", {className: "sbx-text", text: text});
    var prefix = {info: "Information : ", warning: "Attention : ", success: "C'est fait : "}[style];
    return h("div", {className: "sbx-note sbx-note--" + style}, [h("p", {}, [srOnly(prefix), text])]);
  };

  Player.prototype.field = function (field) {
    var self = this, id = this.prefix + "f-" + field.id, value = this.replay.state.values[field.id];
    var hintId = field.hint ? id + "-hint" : null;
    var hint = field.hint ? h("p", {className: "sbx-field__hint", id: hintId, text: field.hint}) : null;
    var common = {"data-sbx-field": field.id, "data-sbx-key": "field:" + field.id, "aria-describedby": hintId};
    if (field.input === "radio") {
      var options = (field.options || []).map(function (option, position) {
        var optionId = id + "-" + position;
        return h("div", {className: "sbx-choice"}, [
          h("input", Object.assign({type: "radio", id: optionId, name: id, value: option.value,
            checked: option.value === value}, common, {"data-sbx-key": "field:" + field.id + ":" + option.value})),
          h("label", {"for": optionId, text: option.label})
        ]);
      });
      return h("fieldset", {className: "sbx-field sbx-fieldset", "aria-describedby": hintId},
        [h("legend", {text: field.label}), hint].concat(options));
    }
    if (field.input === "checkbox") {
      return h("div", {className: "sbx-field sbx-choice"}, [
        h("input", Object.assign({type: "checkbox", id: id, checked: value === true}, common)),
        h("label", {"for": id, text: field.label}), hint
      ]);
    }
    var control;
    if (field.input === "select") {
      control = h("select", Object.assign({id: id, className: "sbx-input"}, common),
        [h("option", {value: "", text: "— Choisir —"})]);
      var choices = field.options_from ?
        (this.replay.state.records[field.options_from.collection] || []).map(function (record) {
          return {value: record.id, label: self.template(field.options_from.label, record)};
        }) : field.options;
      choices.forEach(function (option) {
        control.appendChild(h("option", {value: option.value, text: option.label, selected: option.value === value}));
      });
    } else if (field.input === "textarea") {
      control = h("textarea", Object.assign({id: id, className: "sbx-input", rows: "6", maxlength: "5000",
        placeholder: field.placeholder}, common));
      control.value = asText(value);
    } else {
      var type = {date: "date", number: "number"}[field.input] || "text";
      control = h("input", Object.assign({id: id, type: type, className: "sbx-input",
        maxlength: type === "text" ? "5000" : null,
        step: type === "number" ? "any" : null, placeholder: field.placeholder,
        autocomplete: "off"}, common));
      control.value = asText(value);
    }
    return h("div", {className: "sbx-field"}, [h("label", {"for": id, text: field.label}), hint, control]);
  };

  Player.prototype.section = function (component, depth) {
    var self = this, id = this.prefix + "s" + (this.sections = (this.sections || 0) + 1);
    return h("section", {className: "sbx-section", "aria-labelledby": id},
      [this.heading(depth, {id: id, className: "sbx-heading"}, this.fill(component.title))]
        .concat(component.components.map(function (child) { return self.component(child, depth + 1); })));
  };

  Player.prototype.details = function (component) {
    var self = this, state = this.replay.state;
    var record = this.replay.find(component.collection, state.selected[component.collection]);
    if (!record) return h("p", {className: "sbx-text", text: component.empty || "Aucune fiche ouverte."});
    return h("dl", {className: "sbx-details"}, component.items.map(function (item) {
      return [h("dt", {text: item.label}), h("dd", {text: self.cell(record, item)})];
    }).reduce(function (all, pair) { return all.concat(pair); }, []));
  };

  Player.prototype.rowButtons = function (component, record) {
    var self = this;
    return (component.actions || []).map(function (action) {
      return h("button", {
        type: "button", className: "sbx-btn sbx-btn--small" + (action.style ? " sbx-btn--" + action.style : ""),
        "data-sbx-row": action.id, "data-sbx-record": record.id, "data-sbx-key": "row:" + action.id + ":" + record.id
      }, [action.label, srOnly(" : " + self.recordName(record, component))]);
    });
  };

  Player.prototype.before = function (component, records) {
    if (component.filter && !this.replay.state.searches[component.id]) {
      return h("p", {className: "sbx-text sbx-muted",
        text: component.placeholder || "Lancez une recherche pour voir les résultats."});
    }
    if (component.filter) {
      return h("p", {className: "sbx-text sbx-count", text: plural(records.length, "résultat")});
    }
    return null;
  };

  Player.prototype.table = function (component) {
    var self = this, records = this.replay.visible(component), intro = this.before(component, records);
    if (component.filter && !this.replay.state.searches[component.id]) return intro;
    if (!records.length) {
      return h("div", {}, [intro,
        h("p", {className: "sbx-text sbx-muted", text: component.empty || "Aucune fiche."})]);
    }
    var actions = component.actions && component.actions.length;
    var head = h("tr", {}, component.columns.map(function (column) {
      return h("th", {scope: "col", text: column.label});
    }).concat(actions ? [h("th", {scope: "col", text: "Actions"})] : []));
    var rows = records.map(function (record) {
      return h("tr", {}, component.columns.map(function (column) {
        return h("td", {text: self.cell(record, column)});
      }).concat(actions ? [h("td", {className: "sbx-table__actions"}, self.rowButtons(component, record))] : []));
    });
    var table = h("table", {className: "sbx-table"}, [
      h("caption", {text: component.caption}), h("thead", {}, [head]), h("tbody", {}, rows)
    ]);
    return h("div", {}, [intro, h("div", {className: "sbx-table-wrap", "data-label": component.caption}, [table])]);
  };

  Player.prototype.list = function (component, depth) {
    var self = this, records = this.replay.visible(component), intro = this.before(component, records);
    var caption = component.caption ? this.heading(depth, {className: "sbx-heading"}, component.caption) : null;
    var children = [caption, intro];
    if (!(component.filter && !this.replay.state.searches[component.id])) {
      if (records.length) {
        children.push(h("ul", {className: "sbx-list"}, records.map(function (record) {
          return h("li", {className: "sbx-list__item"}, [
            h("p", {className: "sbx-list__title", text: self.template(component.title, record)}),
            component.text ? h("p", {className: "sbx-list__text", text: self.template(component.text, record)}) : null,
            h("div", {className: "sbx-actions"}, self.rowButtons(component, record))
          ]);
        })));
      } else {
        children.push(h("p", {className: "sbx-text sbx-muted", text: component.empty || "Aucune fiche."}));
      }
    }
    return h("div", {className: "sbx-list-block"}, children);
  };

  Player.prototype.button = function (button) {
    return h("button", {
      type: "button", className: "sbx-btn sbx-btn--" + (button.style || "secondary"),
      "data-sbx-button": button.id, "data-sbx-key": "button:" + button.id, text: button.label
    });
  };

  Player.prototype.tabs = function (component, depth) {
    var self = this, active = this.replay.state.tabs[component.id];
    var list = h("div", {role: "tablist", className: "sbx-tabs__list", "aria-label": "Onglets"});
    var panels = component.tabs.map(function (tab) {
      var selected = tab.id === active;
      var tabId = self.prefix + "tab-" + tab.id, panelId = self.prefix + "panel-" + tab.id;
      list.appendChild(h("button", {
        type: "button", role: "tab", id: tabId, className: "sbx-tabs__tab",
        "aria-selected": selected ? "true" : "false", "aria-controls": panelId, tabindex: selected ? "0" : "-1",
        "data-sbx-tab": tab.id, "data-sbx-key": "tab:" + tab.id,
        text: tab.label
      }));
      return h("div", {role: "tabpanel", id: panelId, className: "sbx-tabs__panel", "aria-labelledby": tabId,
        tabindex: "0", hidden: !selected},
        tab.components.map(function (child) { return self.component(child, depth); }));
    });
    return h("div", {className: "sbx-tabs"}, [list].concat(panels));
  };

  // The end of an attempt: immediate feedback, the event for the embedding page, then the server.
  Player.prototype.finish = function () {
    var verdict = this.replay.verdict();
    this.done = true;
    this.app.inert = true;
    this.app.classList.add("sbx-app--done");
    this.frozen.hidden = false;
    this.finishButton.disabled = true;
    this.showResult(verdict);
    this.root.dispatchEvent(new CustomEvent("sandbox:finished", {
      bubbles: true, detail: {succeeded: verdict.succeeded, mistakes: verdict.mistakes, clientId: this.clientId}
    }));
    this.send({
      client_id: this.clientId,
      actions: this.log,
      seconds: Math.round((Date.now() - this.startedAt) / 1000)
    }, verdict);
  };

  Player.prototype.showResult = function (verdict) {
    var title, body;
    this.result.textContent = "";
    if (verdict.succeeded) {
      title = this.heading(0, {className: "fr-alert__title", tabindex: "-1"}, "Mission réussie");
      body = [title, h("p", {text: this.definition.success})];
      this.result.appendChild(h("div", {className: "fr-alert fr-alert--success"}, body));
    } else {
      var count = verdict.failures.length;
      title = this.heading(0, {className: "fr-alert__title", tabindex: "-1"},
        count ? "Mission à reprendre : " + plural(count, "point") + " à corriger" : "Mission à reprendre");
      body = [title];
      if (count) {
        body.push(h("ul", {className: "sbx__feedback"}, verdict.failures.map(function (failure) {
          return h("li", {"data-check": failure.id, text: failure.feedback});
        })));
      }
      body.push(h("p", {
        text: "Relisez la mission, puis cliquez sur « Recommencer » pour refaire l'exercice depuis le début."
      }));
      this.result.appendChild(h("div", {className: "fr-alert fr-alert--error"}, body));
    }
    title.focus();
  };

  Player.prototype.send = function (payload, verdict) {
    var self = this, clientId = payload.client_id, item = {url: this.url, payload: payload};
    if (!this.url) return;
    enqueue(item); // kept until the server has it, even if the page closes in between
    this.sync.textContent = "Enregistrement de votre tentative…";
    post(item).then(function (answer) {
      if (answer.ok) {
        // For the embedding page (a mission asked in the practice quarter): the server has this attempt now.
        self.root.dispatchEvent(new CustomEvent("sandbox:recorded", {
          bubbles: true, detail: {clientId: clientId, succeeded: answer.verdict.succeeded}
        }));
      }
      if (self.clientId !== clientId) {
        if (!answer.retry) dequeue(clientId);
        return; // the agent already restarted: only the storage matters
      }
      if (answer.ok) {
        dequeue(clientId);
        self.sync.textContent = "Tentative enregistrée.";
        var server = answer.verdict;
        if (server.succeeded !== verdict.succeeded || server.mistakes.join() !== verdict.mistakes.join()) {
          global.console.warn("Applicatif-école : le serveur corrige le résultat", server, verdict);
          self.showResult({succeeded: server.succeeded, failures: server.failures});
        }
      } else if (answer.gone) {
        dequeue(clientId);
        self.sync.textContent = typo("Cet applicatif-école n'est plus proposé : la tentative n'est pas enregistrée.");
      } else if (answer.retry) {
        self.sync.textContent = typo("Pas de connexion pour l'instant : votre tentative est gardée dans ce " +
          "navigateur et sera envoyée dès le retour du réseau.");
      } else {
        dequeue(clientId);
        self.sync.textContent = typo("La tentative n'a pas pu être enregistrée : " + answer.error);
      }
    });
  };

  function initAll(scope) {
    dropSharedQueue();
    var roots = scope.querySelectorAll ? scope.querySelectorAll("[data-sandbox-player]") : [];
    Array.prototype.forEach.call(roots, function (root) {
      if (!root.sandboxPlayer) root.sandboxPlayer = new Player(root);
    });
    flushQueue();
  }

  Engine.Player = Player;
  Engine.flushQueue = flushQueue;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  } else {
    initAll(document);
  }
  document.addEventListener("htmx:load", function (event) { initAll(event.target); });
  global.addEventListener("online", flushQueue);
  var resizing = null;
  global.addEventListener("resize", function () {
    global.clearTimeout(resizing);
    resizing = global.setTimeout(function () {
      Array.prototype.forEach.call(document.querySelectorAll("[data-sandbox-player]"), function (root) {
        if (root.sandboxPlayer) root.sandboxPlayer.markScrollables();
      });
    }, 200);
  });
})(typeof window !== "undefined" ? window : globalThis);
