/* The stand's visitor form: every visitor is kept on the device (IndexedDB) until the
 * server has acknowledged it, then removed. Each form carries an id made here, so sending it
 * again (a lost answer, a retry) never creates a second visitor: the server answers with the
 * one it has. Sending starts at once, when the connection comes back (the "online" event),
 * and on a timer with a growing delay; a form the server refuses stays on the device with
 * the reason, until the user removes it.
 */
(function () {
  "use strict";

  var root = document.getElementById("stand");
  if (!root) {
    return;
  }
  var EVENT = root.dataset.event;
  var URL_ = root.dataset.url;
  var CSRF = root.dataset.csrf;
  var DB_NAME = "comptoir-stand";
  var STORE = "visitors";
  var SENT_KEY = "comptoir-stand-sent-" + EVENT;
  var MAX_SIDE = 1280;
  var MAX_DATA_URL = 1900000;
  var text = function (name) {
    return root.dataset["text" + name] || "";
  };

  var form = document.getElementById("visitor-form");
  var keptEl = document.getElementById("kept-count");
  var sentEl = document.getElementById("sent-count");
  var connEl = document.getElementById("connection");
  var msgEl = document.getElementById("stand-message");
  var pendingEl = document.getElementById("pending");
  var pendingTitle = document.getElementById("pending-title");
  var cardInput = document.getElementById("v-card");
  var preview = document.getElementById("v-card-preview");
  var cardData = "";
  var flushing = false;
  var retryDelay = 5000;
  var retryTimer = null;
  var memory = {}; // used only when the browser has no IndexedDB
  var dbPromise = null;

  // ------------------------------------------------------------------ storage

  function openDb() {
    if (dbPromise) {
      return dbPromise;
    }
    dbPromise = new Promise(function (resolve) {
      if (!window.indexedDB) {
        resolve(null);
        return;
      }
      var request = window.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore(STORE, { keyPath: "client_id" });
        store.createIndex("event", "event", { unique: false });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        resolve(null);
      };
    });
    return dbPromise;
  }

  function tx(mode, work) {
    return openDb().then(function (db) {
      if (!db) {
        return work(null);
      }
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var result;
        t.oncomplete = function () {
          resolve(result);
        };
        t.onerror = function () {
          reject(t.error);
        };
        t.onabort = function () {
          reject(t.error);
        };
        result = work(t.objectStore(STORE));
      });
    });
  }

  function put(record) {
    return tx("readwrite", function (store) {
      if (!store) {
        memory[record.client_id] = record;
        return null;
      }
      store.put(record);
      return null;
    });
  }

  function remove(clientId) {
    return tx("readwrite", function (store) {
      if (!store) {
        delete memory[clientId];
        return null;
      }
      store.delete(clientId);
      return null;
    });
  }

  function all() {
    return openDb().then(function (db) {
      if (!db) {
        return Object.keys(memory).map(function (k) {
          return memory[k];
        });
      }
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, "readonly");
        var request = t.objectStore(STORE).index("event").getAll(EVENT);
        request.onsuccess = function () {
          var rows = request.result || [];
          rows.sort(function (a, b) {
            return a.met_at < b.met_at ? -1 : 1;
          });
          resolve(rows);
        };
        request.onerror = function () {
          reject(request.error);
        };
      });
    });
  }

  function sentCount() {
    try {
      return parseInt(window.localStorage.getItem(SENT_KEY) || "0", 10) || 0;
    } catch (e) {
      return 0;
    }
  }

  function addSent() {
    try {
      window.localStorage.setItem(SENT_KEY, String(sentCount() + 1));
    } catch (e) {
      /* the count is only a comfort */
    }
  }

  // ------------------------------------------------------------------ screen

  function say(message, isError) {
    msgEl.textContent = message;
    msgEl.hidden = !message;
    msgEl.classList.toggle("error", Boolean(isError));
  }

  function showConnection() {
    var online = navigator.onLine;
    connEl.textContent = online ? text("Online") : text("Offline");
    connEl.classList.toggle("offline", !online);
  }

  function describe(record) {
    return [record.first_name, record.last_name].join(" ").trim() + ", " + record.company_name;
  }

  function render() {
    return all().then(function (rows) {
      keptEl.textContent = String(rows.length);
      sentEl.textContent = String(sentCount());
      pendingEl.textContent = "";
      pendingTitle.hidden = rows.length === 0;
      rows.forEach(function (record) {
        var li = document.createElement("li");
        li.dataset.clientId = record.client_id;
        var name = document.createElement("span");
        name.textContent = describe(record);
        li.appendChild(name);
        if (record.refused) {
          li.classList.add("refused");
          var why = document.createElement("small");
          why.textContent = " " + text("Refused") + " " + record.refused;
          li.appendChild(why);
          var drop = document.createElement("button");
          drop.type = "button";
          drop.className = "linklike";
          drop.textContent = text("Remove");
          drop.addEventListener("click", function () {
            if (window.confirm(text("ConfirmRemove"))) {
              remove(record.client_id).then(render);
            }
          });
          li.appendChild(drop);
        }
        pendingEl.appendChild(li);
      });
      return rows;
    });
  }

  // ------------------------------------------------------------------ sending

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function scheduleRetry() {
    if (retryTimer) {
      return;
    }
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      flush();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  function errorsText(errors) {
    return Object.keys(errors || {})
      .map(function (field) {
        return (errors[field] || []).join(" ");
      })
      .join(" ");
  }

  function send(record) {
    var body = {};
    Object.keys(record).forEach(function (key) {
      if (key !== "event" && key !== "refused") {
        body[key] = record[key];
      }
    });
    return fetch(URL_, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Content-Type": "application/json", "X-CSRFToken": CSRF, Accept: "application/json" },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 403 || response.status === 401) {
        return "login";
      }
      if (response.status === 200 || response.status === 201) {
        return response.json().then(function (data) {
          if (data && data.client_id === record.client_id) {
            return remove(record.client_id).then(function () {
              addSent();
              return "sent";
            });
          }
          return "retry";
        });
      }
      if (response.status === 400) {
        return response.json().then(
          function (data) {
            record.refused = errorsText(data.errors) || String(response.status);
            return put(record).then(function () {
              return "refused";
            });
          },
          function () {
            return "retry";
          }
        );
      }
      return "retry"; // 5xx, a proxy's page...: try again later
    });
  }

  function flush() {
    if (flushing) {
      return Promise.resolve();
    }
    flushing = true;
    return all()
      .then(function (rows) {
        var queue = rows.filter(function (r) {
          return !r.refused;
        });
        var step = function (index) {
          if (index >= queue.length) {
            retryDelay = 5000;
            return "done";
          }
          return send(queue[index]).then(function (outcome) {
            if (outcome === "login") {
              say(text("Login"), true);
              return "stop";
            }
            if (outcome === "retry") {
              return "retry";
            }
            return render().then(function () {
              return step(index + 1);
            });
          });
        };
        if (queue.length && navigator.onLine) {
          connEl.textContent = text("Sending");
        }
        return step(0);
      })
      .catch(function () {
        return "retry"; // no network: fetch rejects
      })
      .then(function (result) {
        flushing = false;
        showConnection();
        if (result === "retry") {
          scheduleRetry();
        }
        return render();
      });
  }

  // ------------------------------------------------------------------ the form

  function resizeCard(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onerror = reject;
      reader.onload = function () {
        var img = new Image();
        img.onerror = reject;
        img.onload = function () {
          var scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
          var canvas = document.createElement("canvas");
          canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
          canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
          canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
          var quality = 0.8;
          var data = canvas.toDataURL("image/jpeg", quality);
          while (data.length > MAX_DATA_URL && quality > 0.3) {
            quality -= 0.15;
            data = canvas.toDataURL("image/jpeg", quality);
          }
          resolve(data);
        };
        img.src = reader.result;
      };
      reader.readAsDataURL(file);
    });
  }

  cardInput.addEventListener("change", function () {
    cardData = "";
    preview.hidden = true;
    var file = cardInput.files && cardInput.files[0];
    if (!file) {
      return;
    }
    resizeCard(file).then(
      function (data) {
        cardData = data;
        preview.src = data;
        preview.hidden = false;
      },
      function () {
        say(text("PhotoError"), true);
      }
    );
  });

  function value(name) {
    var field = form.elements.namedItem(name);
    return field && field.value ? field.value.trim() : "";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var temperature = form.querySelector("input[name=temperature]:checked");
    var missing = ["company_name", "last_name", "country"].filter(function (n) {
      return !value(n);
    });
    form.querySelectorAll(".missing").forEach(function (el) {
      el.classList.remove("missing");
    });
    missing.forEach(function (n) {
      form.elements.namedItem(n).classList.add("missing");
    });
    if (missing.length || !temperature) {
      if (!temperature) {
        form.querySelector(".temperatures").classList.add("missing");
      }
      say(text("Required"), true);
      return;
    }
    var consent = document.getElementById("v-consent").checked;
    var now = new Date();
    var record = {
      client_id: newId(),
      event: EVENT,
      company_name: value("company_name"),
      first_name: value("first_name"),
      last_name: value("last_name"),
      position: value("position"),
      country: value("country"),
      email: value("email"),
      phone: value("phone"),
      interest: value("interest"),
      products: Array.prototype.map.call(document.getElementById("v-products").selectedOptions, function (o) {
        return o.value;
      }),
      temperature: temperature.value,
      consent: consent,
      consent_date: consent ? now.toISOString().slice(0, 10) : "",
      notes: value("notes"),
      met_at: now.toISOString(),
      card: cardData,
    };
    put(record)
      .then(function () {
        form.reset();
        cardData = "";
        preview.hidden = true;
        say(text("Saved"), false);
        window.scrollTo(0, 0);
        return render();
      })
      .then(flush, function () {
        say(text("Storage"), true);
      });
  });

  window.addEventListener("online", function () {
    retryDelay = 5000;
    if (retryTimer) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
    showConnection();
    flush();
  });
  window.addEventListener("offline", showConnection);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      flush();
    }
  });

  showConnection();
  openDb().then(function (db) {
    if (!db) {
      say(text("Storage"), true);
    }
    return render().then(flush);
  });
})();
