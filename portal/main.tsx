import { render } from "preact";
import { useState } from "preact/hooks";
import { LocationProvider, Route, Router } from "preact-iso";
import { Layout } from "./components";
import { LanguageContext, storedLanguage, storeLanguage, type Language } from "./i18n";
import { HomePage } from "./pages/home";
import { NotFoundPage } from "./pages/not-found";
import { SignInPage } from "./pages/sign-in";
import { ROUTES as AUDITOR_ROUTES } from "./pages/auditor/routes";
import { ROUTES as ORGANISATION_ROUTES } from "./pages/organisations/routes";
import { ROUTES as PUBLIC_ROUTES } from "./pages/public/routes";
import { ROUTES as SELF_SERVICE_ROUTES } from "./pages/self-service/routes";
import { ROUTES as WORKBENCH_ROUTES } from "./pages/workbench/routes";
import "./styles.css";

/** Every page of the portal; each page module holds its words and its queries. */
function App() {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = (next: Language) => {
    storeLanguage(next);
    setLanguageState(next);
  };
  return (
    <LanguageContext.Provider value={{ language, setLanguage }}>
      <LocationProvider>
        <Layout>
          <Router>
            <Route path="/" component={HomePage} />
            <Route path="/sign-in" component={SignInPage} />
            {[
              ...PUBLIC_ROUTES,
              ...SELF_SERVICE_ROUTES,
              ...ORGANISATION_ROUTES,
              ...AUDITOR_ROUTES,
              ...WORKBENCH_ROUTES,
            ].map((route) => (
              <Route key={route.path} path={route.path} component={route.component} />
            ))}
            <Route default component={NotFoundPage} />
          </Router>
        </Layout>
      </LocationProvider>
    </LanguageContext.Provider>
  );
}

document.documentElement.lang = storedLanguage();
render(<App />, document.getElementById("app")!);
