// The staff console (operations center, agencies, administration): see its issue.
export default function StaffApp() {
  return (
    <main id="main">
      <h1>CityPulse staff console</h1>
    </main>
  );
}
